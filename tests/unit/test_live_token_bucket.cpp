#include "live/token_bucket.hpp"

#include <doctest/doctest.h>

using flowctl::live::TokenBucket;
using std::chrono::milliseconds;

namespace {

// A clock the test moves by hand.
struct FakeClock {
  TokenBucket::Clock::time_point now{};

  TokenBucket::NowFunction function()
  {
    return [this] { return now; };
  }
};

int take_all(TokenBucket& bucket)
{
  int taken = 0;
  while (bucket.try_take()) {
    ++taken;
  }
  return taken;
}

} // namespace

TEST_CASE("a full bucket lets its capacity through at once, then no more")
{
  FakeClock clock;
  TokenBucket bucket(60, 5, clock.function());
  CHECK(take_all(bucket) == 5);
  CHECK_FALSE(bucket.try_take());
}

TEST_CASE("tokens refill at requests_per_minute / 60 a second")
{
  FakeClock clock;
  TokenBucket bucket(120, 1, clock.function());
  CHECK(bucket.try_take());
  CHECK_FALSE(bucket.try_take());
  CHECK(bucket.wait_time() == milliseconds(500));

  clock.now += milliseconds(499);
  CHECK_FALSE(bucket.try_take());
  CHECK(bucket.wait_time() == milliseconds(1));

  clock.now += milliseconds(1);
  CHECK(bucket.wait_time() == milliseconds(0));
  CHECK(bucket.try_take());
  CHECK_FALSE(bucket.try_take());
}

TEST_CASE("a quiet spell never stores more than the capacity")
{
  FakeClock clock;
  TokenBucket bucket(600, 3, clock.function());
  take_all(bucket);
  clock.now += std::chrono::hours(1);
  CHECK(take_all(bucket) == 3);
}

TEST_CASE("over a minute the bucket passes the rate plus the burst")
{
  FakeClock clock;
  TokenBucket bucket(100, TokenBucket::default_capacity(100), clock.function());
  int taken = 0;
  for (int step = 0; step < 600; ++step) {
    taken += take_all(bucket);
    clock.now += milliseconds(100);
  }
  taken += take_all(bucket);
  CHECK(taken == 110);
}

TEST_CASE("the default burst is a tenth of a minute, at least one")
{
  CHECK(TokenBucket::default_capacity(100) == 10);
  CHECK(TokenBucket::default_capacity(50) == 5);
  CHECK(TokenBucket::default_capacity(5) == 1);
  CHECK(TokenBucket::default_capacity(0) == 1);
}

TEST_CASE("a rate of zero is unlimited")
{
  FakeClock clock;
  TokenBucket bucket(0, 1, clock.function());
  for (int i = 0; i < 10000; ++i) {
    REQUIRE(bucket.try_take());
  }
  CHECK(bucket.wait_time() == milliseconds(0));
}
