#include "live/http_engine.hpp"
#include "live/url.hpp"
#include "live/verifik_client.hpp"
#include "support/sandbox_process.hpp"

#include <doctest/doctest.h>

using namespace flowctl::live;
using flowctl::testing::example_seed_path;
using flowctl::testing::SandboxProcess;
using std::chrono::milliseconds;

namespace {

const std::string k_token = "rate-token";
const std::string k_onboarding = "project_flow_123456789";

std::vector<HttpRequest> gets(const std::string& url, std::size_t count)
{
  HttpRequest request{"GET",
                      flow_url(url, k_onboarding),
                      "",
                      {"Authorization: Bearer " + k_token}};
  return std::vector<HttpRequest>(count, request);
}

SandboxProcess limited_sandbox(int per_minute)
{
  return SandboxProcess({"--token", k_token, "--seed", example_seed_path(),
                         "--requests-per-minute", std::to_string(per_minute)});
}

milliseconds since(std::chrono::steady_clock::time_point start)
{
  return std::chrono::duration_cast<milliseconds>(
      std::chrono::steady_clock::now() - start);
}

} // namespace

TEST_CASE("429 waits follow Retry-After, capped, and are reported past the "
          "budget")
{
  const auto sandbox = limited_sandbox(2);
  EngineOptions options;
  options.requests_per_minute = 0;
  options.max_attempts = 3;
  // A base this small shows the wait comes from Retry-After (about 60 s
  // here), held to the cap.
  options.backoff_base = milliseconds(1);
  options.backoff_cap = milliseconds(400);
  HttpEngine engine(options);

  const auto start = std::chrono::steady_clock::now();
  const auto responses = engine.run(gets(sandbox.url(), 3));
  const auto elapsed = since(start);

  int limited = 0;
  for (const auto& response : responses) {
    if (response.status == 429) {
      ++limited;
      CHECK(response.attempts == 3);
      CHECK(response.elapsed >= milliseconds(780));
    } else {
      CHECK(response.status == 200);
    }
  }
  CHECK(limited == 1);
  CHECK(elapsed >= milliseconds(780));
  CHECK(elapsed < milliseconds(5000));

  VerifikClient client({sandbox.url(), k_token, options});
  const auto results = client.get_flows({k_onboarding});
  REQUIRE(results[0].error);
  CHECK(results[0].error->describe() ==
        "HTTP 429 RATE_LIMITED: Too many requests (gave up after 3 attempts)");
}

TEST_CASE("a request waiting to retry does not hold its transfer slot")
{
  const auto sandbox = limited_sandbox(1);
  EngineOptions options;
  options.requests_per_minute = 0;
  options.parallelism = 1;
  options.max_attempts = 2;
  options.backoff_base = milliseconds(1);
  options.backoff_cap = milliseconds(400);
  HttpEngine engine(options);

  // The first GET is admitted; the other two are refused with a long
  // Retry-After and wait the cap. With one slot, those waits overlap only
  // if waiting leaves the slot free: 400 ms, not 800.
  const auto start = std::chrono::steady_clock::now();
  const auto responses = engine.run(gets(sandbox.url(), 3));
  const auto elapsed = since(start);

  CHECK(responses[0].status == 200);
  CHECK(responses[1].status == 429);
  CHECK(responses[2].status == 429);
  CHECK(elapsed >= milliseconds(390));
  CHECK(elapsed < milliseconds(700));
}

// The sandbox limits over a sliding minute, so getting past its 429s takes
// the better part of one: this case is slow by nature.
TEST_CASE("429s are survived by waiting as Retry-After asks")
{
  const auto sandbox = limited_sandbox(5);
  EngineOptions options;
  options.requests_per_minute = 0;
  options.max_attempts = 3;
  options.backoff_base = milliseconds(1);
  HttpEngine engine(options);

  const auto start = std::chrono::steady_clock::now();
  const auto responses = engine.run(gets(sandbox.url(), 7));
  const auto elapsed = since(start);

  int retried = 0;
  for (const auto& response : responses) {
    CHECK(response.status == 200);
    if (response.attempts > 1) {
      ++retried;
      CHECK(response.elapsed >= milliseconds(58000));
    }
  }
  CHECK(retried == 2);
  CHECK(elapsed < milliseconds(75000));
}
