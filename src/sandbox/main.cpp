#include "sandbox/flow_store.hpp"
#include "sandbox/options.hpp"
#include "sandbox/persistence.hpp"
#include "sandbox/server.hpp"
#include "sandbox/state_file.hpp"

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

namespace {

using namespace flowctl::sandbox;

// How long a stop waits for answers under way, injected latency included.
constexpr std::chrono::milliseconds k_drain_limit{10'000};

int fail(const std::string& message)
{
  std::fprintf(stderr, "verifik-sandbox: error: %s\n", message.c_str());
  return 1;
}

// A state file that exists wins over the seed; with neither, the store
// starts empty.
FlowsFile initial_flows(const Options& options)
{
  std::error_code error;
  if (!options.state_path.empty() &&
      std::filesystem::exists(options.state_path, error)) {
    return read_flows_file(options.state_path);
  }
  if (!options.seed_path.empty()) {
    return read_flows_file(options.seed_path);
  }
  return {};
}

// Termination signals are blocked in every thread and taken by one waiter,
// which stops the server from ordinary code rather than a signal handler.
// A shell starting a background job makes it ignore SIGINT, and an ignored
// signal never reaches sigwait, so both are set back to their default.
sigset_t block_stop_signals()
{
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Ends the process on SIGTERM or SIGINT: no new connections, then the
// answers under way are finished. Idle kept-alive connections would hold
// the server's workers until they time out, yet have nothing to finish, so
// the process leaves without waiting for them.
[[noreturn]] void stop_on_signal(const sigset_t& signals, Server& server,
                                 std::atomic<bool>& stopping)
{
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  stopping = true;
  server.stop();
  server.drain(k_drain_limit);
  std::fflush(nullptr);
  std::_Exit(0);
}

int serve(const Options& options, Server& server, const sigset_t& signals)
{
  if (auto error = server.bind(options.host, options.port)) {
    return fail(*error);
  }
  std::printf("listening on %s:%d\n", options.host.c_str(), server.port());
  std::fflush(stdout);

  std::atomic<bool> stopping{false};
  std::thread waiter([&] { stop_on_signal(signals, server, stopping); });
  const bool served = server.run();
  if (stopping) {
    // The waiter ends the process once the last answers are out.
    waiter.join();
  }
  waiter.detach();
  return served ? 0 : fail("the server stopped unexpectedly");
}

} // namespace

int main(int argc, char** argv)
{
  Options options;
  if (const auto exit_code = parse_options(argc, argv, options)) {
    return *exit_code;
  }
  // A client that hangs up mid-answer must not end the process.
  std::signal(SIGPIPE, SIG_IGN);
  const sigset_t stop_signals = block_stop_signals();

  const FlowsFile loaded = initial_flows(options);
  if (!loaded.error.empty()) {
    return fail(loaded.error);
  }
  FlowStore store(loaded.flows);

  std::unique_ptr<Persistence> persistence;
  if (!options.state_path.empty()) {
    persistence = std::make_unique<Persistence>(options.state_path, store);
    if (auto error = persistence->save_through(0)) {
      return fail(*error);
    }
  }

  ServerConfig config{options.token, options.faults, options.ignore_puts,
                      options.log_requests};
  Server server(std::move(config), store, persistence.get());
  return serve(options, server, stop_signals);
}
