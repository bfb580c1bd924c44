#include "live/backoff.hpp"

#include <doctest/doctest.h>

using flowctl::live::backoff_delay;
using flowctl::live::parse_retry_after;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds k_base{250};
constexpr milliseconds k_cap{30000};

// 2015-10-21T07:28:00Z, the date in the HTTP specification's example.
std::chrono::system_clock::time_point spec_date()
{
  return std::chrono::system_clock::from_time_t(1445412480);
}

} // namespace

TEST_CASE("backoff grows by doubling up to the cap")
{
  CHECK(backoff_delay(1, k_base, k_cap, 0.999999) == milliseconds(249));
  CHECK(backoff_delay(2, k_base, k_cap, 0.999999) == milliseconds(499));
  CHECK(backoff_delay(3, k_base, k_cap, 0.999999) == milliseconds(999));
  CHECK(backoff_delay(4, k_base, k_cap, 0.5) == milliseconds(1000));
  CHECK(backoff_delay(8, k_base, k_cap, 0.999999) == milliseconds(29999));
  CHECK(backoff_delay(9, k_base, k_cap, 0.999999) == milliseconds(29999));
}

TEST_CASE("backoff is full jitter: anywhere from zero to the ceiling")
{
  CHECK(backoff_delay(3, k_base, k_cap, 0.0) == milliseconds(0));
  CHECK(backoff_delay(3, k_base, k_cap, 0.5) == milliseconds(500));
  for (int attempt = 1; attempt <= 12; ++attempt) {
    for (const double share : {0.0, 0.1, 0.37, 0.9, 0.9999}) {
      const auto delay = backoff_delay(attempt, k_base, k_cap, share);
      CHECK(delay >= milliseconds(0));
      CHECK(delay <= k_cap);
    }
  }
}

TEST_CASE("backoff survives absurd attempt counts and inputs")
{
  CHECK(backoff_delay(1000, k_base, k_cap, 0.999999) <= k_cap);
  CHECK(backoff_delay(64, milliseconds(1), k_cap, 1.0) == k_cap);
  CHECK(backoff_delay(0, k_base, k_cap, 1.0) == k_base);
  CHECK(backoff_delay(2, k_base, k_cap, 7.0) == milliseconds(500));
  CHECK(backoff_delay(2, k_base, k_cap, -1.0) == milliseconds(0));
  CHECK(backoff_delay(3, milliseconds(5000), milliseconds(1000), 1.0) ==
        milliseconds(1000));
}

TEST_CASE("Retry-After in delta-seconds")
{
  const auto now = spec_date();
  CHECK(parse_retry_after("120", now) == milliseconds(120000));
  CHECK(parse_retry_after("0", now) == milliseconds(0));
  CHECK(parse_retry_after("  7 \r\n", now) == milliseconds(7000));
  // A server's absurd wait is read as a day, never as a negative one.
  const auto day = milliseconds(24 * 60 * 60 * 1000);
  CHECK(parse_retry_after("9223372036854775807", now) == day);
  CHECK(parse_retry_after("99999999999999999999999", now) == day);
}

TEST_CASE("Retry-After as an HTTP-date counts from now")
{
  const auto now = spec_date();
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now) ==
        milliseconds(30000));
  CHECK(parse_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", now) ==
        milliseconds(60000));
  CHECK(parse_retry_after("Wed Oct 21 07:28:05 2015", now) ==
        milliseconds(5000));
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT",
                          now - milliseconds(400)) == milliseconds(400));
}

TEST_CASE("Retry-After dates in the past mean no wait")
{
  const auto now = spec_date();
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now) ==
        milliseconds(0));
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) ==
        milliseconds(0));
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now) ==
        milliseconds(0));
}

TEST_CASE("unreadable Retry-After values give nothing")
{
  const auto now = spec_date();
  CHECK_FALSE(parse_retry_after("", now));
  CHECK_FALSE(parse_retry_after("   ", now));
  CHECK_FALSE(parse_retry_after("-5", now));
  CHECK_FALSE(parse_retry_after("soon", now));
}
