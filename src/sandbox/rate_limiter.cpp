#include "sandbox/rate_limiter.hpp"

namespace flowctl::sandbox {

namespace {

constexpr std::chrono::seconds k_window{60};

std::chrono::seconds whole_seconds_until(SteadyTime now, SteadyTime then)
{
  using namespace std::chrono;
  const auto wait = duration_cast<milliseconds>(then - now);
  const auto rounded_up = duration_cast<seconds>(wait + milliseconds(999));
  return std::max(rounded_up, seconds(1));
}

} // namespace

RateLimiter::RateLimiter(std::size_t per_minute) : m_per_minute(per_minute) {}

std::optional<std::chrono::seconds> RateLimiter::admit(SteadyTime now)
{
  if (m_per_minute == 0) {
    return std::nullopt;
  }
  while (!m_admitted.empty() && m_admitted.front() + k_window <= now) {
    m_admitted.pop_front();
  }
  if (m_admitted.size() >= m_per_minute) {
    return whole_seconds_until(now, m_admitted.front() + k_window);
  }
  m_admitted.push_back(now);
  return std::nullopt;
}

} // namespace flowctl::sandbox
