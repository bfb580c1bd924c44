#include "live/token_bucket.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace flowctl::live {

double TokenBucket::default_capacity(int requests_per_minute)
{
  return std::max(1.0, std::floor(requests_per_minute / 10.0));
}

TokenBucket::TokenBucket(int requests_per_minute, double capacity,
                         NowFunction now)
    : m_per_second(std::max(requests_per_minute, 0) / 60.0),
      m_capacity(std::max(capacity, 1.0)), m_tokens(m_capacity),
      m_now(std::move(now)), m_last(m_now())
{}

void TokenBucket::refill()
{
  const auto now = m_now();
  const std::chrono::duration<double> gap = now - m_last;
  m_last = now;
  if (gap.count() > 0) {
    m_tokens = std::min(m_capacity, m_tokens + gap.count() * m_per_second);
  }
}

bool TokenBucket::try_take()
{
  if (m_per_second == 0) {
    return true;
  }
  refill();
  if (m_tokens < 1.0) {
    return false;
  }
  m_tokens -= 1.0;
  return true;
}

std::chrono::milliseconds TokenBucket::wait_time()
{
  if (m_per_second == 0) {
    return std::chrono::milliseconds(0);
  }
  refill();
  if (m_tokens >= 1.0) {
    return std::chrono::milliseconds(0);
  }
  // The small slack keeps rounding noise from adding a whole millisecond.
  const double millis = (1.0 - m_tokens) / m_per_second * 1000.0;
  return std::chrono::milliseconds(
      static_cast<long long>(std::ceil(millis - 1e-6)));
}

} // namespace flowctl::live
