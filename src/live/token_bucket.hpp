#pragma once

#include <chrono>
#include <functional>

namespace flowctl::live {

// Client-side request budget: refills at requests_per_minute / 60 tokens a
// second and holds at most `capacity` tokens, which is the largest burst
// it lets through after a quiet spell. Every attempt, retries included,
// takes one token. A rate of 0 means unlimited.
class TokenBucket {
public:
  using Clock = std::chrono::steady_clock;
  using NowFunction = std::function<Clock::time_point()>;

  // The capacity the engine uses: a tenth of a minute's budget, at least
  // one, so a run starts several transfers at once while any sixty-second
  // window stays within 110% of the budget.
  static double default_capacity(int requests_per_minute);

  TokenBucket(int requests_per_minute, double capacity,
              NowFunction now = Clock::now);

  // Takes a token if one is there.
  bool try_take();

  // How long until try_take() can succeed; zero when it can now.
  std::chrono::milliseconds wait_time();

private:
  void refill();

  double m_per_second;
  double m_capacity;
  double m_tokens;
  NowFunction m_now;
  Clock::time_point m_last;
};

} // namespace flowctl::live
