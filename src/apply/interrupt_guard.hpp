#pragma once

#include <atomic>
#include <csignal>

namespace flowctl::apply {

// While alive, SIGINT and SIGTERM set a stop flag instead of killing the
// process: the client starts nothing new, requests in flight finish, and
// the caller reports what happened. A second signal exits at once with
// status 130. Only one guard may be alive at a time; the previous handlers
// come back when it is destroyed.
class InterruptGuard {
public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // The flag to pass as EngineOptions::stop.
  const std::atomic<bool>& flag() const;

  bool requested() const { return flag().load(); }

private:
  struct sigaction m_old_int {};
  struct sigaction m_old_term {};
};

} // namespace flowctl::apply
