#pragma once

#include "sandbox/rate_limiter.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace flowctl::sandbox {

struct FaultSettings {
  int latency_ms = 0;
  int jitter_ms = 0;
  double error_rate = 0.0;
  double drop_rate = 0.0;
  int requests_per_minute = 0;
  std::uint64_t seed = 0;
};

enum class FaultKind { none, rate_limited, dropped, server_error };

struct Fault {
  FaultKind kind = FaultKind::none;
  // For server_error: 500, 502 or 503.
  int status = 0;
  // For rate_limited: the Retry-After value.
  std::chrono::seconds retry_after{0};
};

// Decides, per request, how long to wait before answering and whether to
// answer with a fault instead. Random choices come from one generator
// seeded from the settings, so a run can be repeated. Thread-safe.
class FaultInjector {
public:
  explicit FaultInjector(const FaultSettings& settings);

  // latency plus a uniform jitter in [-jitter, +jitter], never negative.
  std::chrono::milliseconds next_delay();

  // The rate limit comes first, so refused requests do not count; then a
  // drop, then a server error.
  Fault next_fault(SteadyTime now);

private:
  bool chance(double rate);

  FaultSettings m_settings;
  std::mutex m_mutex;
  std::mt19937_64 m_random;
  RateLimiter m_limiter;
};

} // namespace flowctl::sandbox
