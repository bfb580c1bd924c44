#include "apply/interrupt_guard.hpp"

#include <unistd.h>

namespace flowctl::apply {

namespace {

// A lock-free atomic is safe to touch from a signal handler.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

constexpr int k_exit_interrupted = 130;

void write_stderr(const char* text, std::size_t length)
{
  // Nothing useful can be done if stderr is gone.
  auto ignored = ::write(STDERR_FILENO, text, length);
  (void)ignored;
}

extern "C" void on_stop_signal(int /*signal*/)
{
  if (g_stop.exchange(true)) {
    constexpr char k_again[] = "\nflowctl: interrupted again, exiting now\n";
    write_stderr(k_again, sizeof k_again - 1);
    _exit(k_exit_interrupted);
  }
  constexpr char k_first[] =
      "\nflowctl: interrupted: sending nothing new, waiting for requests in "
      "flight\n";
  write_stderr(k_first, sizeof k_first - 1);
}

void install(int signal, struct sigaction& old)
{
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a blocking read of the confirmation answer must wake up.
  action.sa_flags = 0;
  sigaction(signal, &action, &old);
}

} // namespace

InterruptGuard::InterruptGuard()
{
  g_stop.store(false);
  install(SIGINT, m_old_int);
  install(SIGTERM, m_old_term);
}

InterruptGuard::~InterruptGuard()
{
  sigaction(SIGINT, &m_old_int, nullptr);
  sigaction(SIGTERM, &m_old_term, nullptr);
}

const std::atomic<bool>& InterruptGuard::flag() const
{
  return g_stop;
}

} // namespace flowctl::apply
