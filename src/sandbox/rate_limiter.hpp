#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>

namespace flowctl::sandbox {

using SteadyTime = std::chrono::steady_clock::time_point;

// Admits at most a given number of requests in any 60-second window
// (a sliding window over the times of admitted requests). Not thread-safe.
class RateLimiter {
public:
  // 0 admits everything.
  explicit RateLimiter(std::size_t per_minute);

  // nullopt when admitted; otherwise the whole seconds until a slot frees,
  // at least 1.
  std::optional<std::chrono::seconds> admit(SteadyTime now);

private:
  std::size_t m_per_minute;
  std::deque<SteadyTime> m_admitted;
};

} // namespace flowctl::sandbox
