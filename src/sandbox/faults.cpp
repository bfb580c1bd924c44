#include "sandbox/faults.hpp"

#include <algorithm>
#include <array>

namespace flowctl::sandbox {

namespace {

constexpr std::array<int, 3> k_error_statuses = {500, 502, 503};

} // namespace

FaultInjector::FaultInjector(const FaultSettings& settings)
    : m_settings(settings), m_random(settings.seed),
      m_limiter(static_cast<std::size_t>(settings.requests_per_minute))
{}

std::chrono::milliseconds FaultInjector::next_delay()
{
  int delay = m_settings.latency_ms;
  if (m_settings.jitter_ms > 0) {
    std::uniform_int_distribution<int> jitter(-m_settings.jitter_ms,
                                              m_settings.jitter_ms);
    std::lock_guard lock(m_mutex);
    delay += jitter(m_random);
  }
  return std::chrono::milliseconds(std::max(delay, 0));
}

Fault FaultInjector::next_fault(SteadyTime now)
{
  std::lock_guard lock(m_mutex);
  if (const auto wait = m_limiter.admit(now)) {
    return {FaultKind::rate_limited, 429, *wait};
  }
  if (chance(m_settings.drop_rate)) {
    return {FaultKind::dropped, 0, {}};
  }
  if (chance(m_settings.error_rate)) {
    std::uniform_int_distribution<std::size_t> pick(0, k_error_statuses.size() -
                                                           1);
    return {FaultKind::server_error, k_error_statuses.at(pick(m_random)), {}};
  }
  return {};
}

bool FaultInjector::chance(double rate)
{
  if (rate <= 0.0) {
    return false;
  }
  if (rate >= 1.0) {
    return true;
  }
  return std::uniform_real_distribution<double>(0.0, 1.0)(m_random) < rate;
}

} // namespace flowctl::sandbox
