#include "apply/interrupt_guard.hpp"

#include <doctest/doctest.h>

#include <csignal>

namespace {

volatile std::sig_atomic_t g_previous_ran = 0;

extern "C" void previous_handler(int)
{
  g_previous_ran = 1;
}

} // namespace

TEST_CASE("SIGINT and SIGTERM set the stop flag instead of ending the run")
{
  for (int signal : {SIGINT, SIGTERM}) {
    flowctl::apply::InterruptGuard guard;
    CHECK_FALSE(guard.requested());
    std::raise(signal);
    CHECK(guard.requested());
    CHECK(guard.flag().load());
  }
}

TEST_CASE("a new guard starts with the flag clear")
{
  {
    flowctl::apply::InterruptGuard guard;
    std::raise(SIGTERM);
  }
  flowctl::apply::InterruptGuard guard;
  CHECK_FALSE(guard.requested());
}

TEST_CASE("the previous handlers come back when the guard ends")
{
  struct sigaction mine {};
  mine.sa_handler = previous_handler;
  sigemptyset(&mine.sa_mask);
  struct sigaction original {};
  sigaction(SIGINT, &mine, &original);

  {
    flowctl::apply::InterruptGuard guard;
    std::raise(SIGINT);
    CHECK(g_previous_ran == 0);
  }
  std::raise(SIGINT);
  CHECK(g_previous_ran == 1);
  sigaction(SIGINT, &original, nullptr);
}
