#include "live/http_engine.hpp"
#include "live/url.hpp"
#include "live/verifik_client.hpp"
#include "support/sandbox_process.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using namespace flowctl::live;
using flowctl::testing::example_seed_path;
using flowctl::testing::SandboxProcess;
using std::chrono::milliseconds;

namespace {

const std::string k_token = "fault-token";
const std::string k_onboarding = "project_flow_123456789";

SandboxProcess start_sandbox(std::vector<std::string> faults)
{
  std::vector<std::string> args{"--token", k_token, "--seed",
                                example_seed_path()};
  args.insert(args.end(), faults.begin(), faults.end());
  return SandboxProcess(args);
}

// Quick retries so a test spends its time on the faults, not on waiting.
EngineOptions fast_engine()
{
  EngineOptions options;
  options.requests_per_minute = 0;
  options.backoff_base = milliseconds(5);
  options.backoff_cap = milliseconds(100);
  return options;
}

std::vector<HttpRequest> gets(const std::string& url, std::size_t count)
{
  HttpRequest request{"GET",
                      flow_url(url, k_onboarding),
                      "",
                      {"Authorization: Bearer " + k_token}};
  return std::vector<HttpRequest>(count, request);
}

int total_attempts(const std::vector<HttpResponse>& responses)
{
  int total = 0;
  for (const auto& response : responses) {
    total += response.attempts;
  }
  return total;
}

milliseconds time_run(HttpEngine& engine,
                      const std::vector<HttpRequest>& requests,
                      std::vector<HttpResponse>& responses)
{
  const auto start = std::chrono::steady_clock::now();
  responses = engine.run(requests);
  return std::chrono::duration_cast<milliseconds>(
      std::chrono::steady_clock::now() - start);
}

} // namespace

TEST_CASE("latency is survived and shows in elapsed")
{
  const auto sandbox = start_sandbox({"--latency-ms", "150"});
  HttpEngine engine(fast_engine());
  const auto responses = engine.run(gets(sandbox.url(), 2));
  for (const auto& response : responses) {
    CHECK(response.status == 200);
    CHECK(response.attempts == 1);
    CHECK(response.elapsed >= milliseconds(140));
  }
}

TEST_CASE("server errors at rate 0.3 are retried until every GET succeeds")
{
  const auto sandbox =
      start_sandbox({"--error-rate", "0.3", "--fault-seed", "11"});
  auto options = fast_engine();
  options.max_attempts = 12;
  HttpEngine engine(options);
  const auto responses = engine.run(gets(sandbox.url(), 30));
  for (const auto& response : responses) {
    CHECK(response.status == 200);
    CHECK(response.transport_error.empty());
  }
  CHECK(total_attempts(responses) > 30);
}

TEST_CASE("dropped connections at rate 0.3 are retried until all succeed")
{
  const auto sandbox =
      start_sandbox({"--drop-rate", "0.3", "--fault-seed", "5"});
  auto options = fast_engine();
  options.max_attempts = 12;
  HttpEngine engine(options);
  const auto responses = engine.run(gets(sandbox.url(), 30));
  for (const auto& response : responses) {
    CHECK(response.status == 200);
    CHECK(response.transport_error.empty());
    CHECK(response.body.find(k_onboarding) != std::string::npos);
  }
  CHECK(total_attempts(responses) > 30);
}

TEST_CASE("updates survive errors and drops together")
{
  const auto sandbox = start_sandbox(
      {"--error-rate", "0.2", "--drop-rate", "0.2", "--fault-seed", "3"});
  ClientOptions options{sandbox.url(), k_token, fast_engine()};
  options.engine.max_attempts = 15;
  VerifikClient client(options);
  std::vector<std::pair<std::string, nlohmann::json>> updates;
  for (int i = 0; i < 10; ++i) {
    updates.emplace_back(k_onboarding, nlohmann::json{{"name", "Onboarding"}});
  }
  for (const auto& result : client.update_flows(updates)) {
    CHECK_FALSE(result.error);
    REQUIRE(result.flow);
    CHECK((*result.flow)["name"] == "Onboarding");
  }
}

TEST_CASE("past max_attempts the last server error is reported")
{
  const auto sandbox = start_sandbox({"--error-rate", "1.0"});
  auto engine_options = fast_engine();
  engine_options.max_attempts = 4;
  HttpEngine engine(engine_options);
  const auto responses = engine.run(gets(sandbox.url(), 3));
  for (const auto& response : responses) {
    CHECK(response.attempts == 4);
    CHECK(response.status >= 500);
    CHECK_FALSE(response.body.empty());
  }

  VerifikClient client({sandbox.url(), k_token, engine_options});
  const auto results = client.get_flows({k_onboarding});
  REQUIRE(results[0].error);
  const auto& error = *results[0].error;
  CHECK(error.status >= 500);
  CHECK(error.status <= 503);
  const bool server_words = error.code == "INTERNAL" ||
                            error.code == "BAD_GATEWAY" ||
                            error.code == "SERVICE_UNAVAILABLE";
  CHECK(server_words);
  CHECK(error.attempts == 4);
  CHECK(error.describe().ends_with(" (gave up after 4 attempts)"));
}

TEST_CASE("drops past max_attempts are a transport error")
{
  const auto sandbox = start_sandbox({"--drop-rate", "1.0"});
  auto options = fast_engine();
  options.max_attempts = 3;
  HttpEngine engine(options);
  const auto responses = engine.run(gets(sandbox.url(), 2));
  for (const auto& response : responses) {
    CHECK(response.attempts == 3);
    CHECK(response.status == 0);
    CHECK_FALSE(response.transport_error.empty());
  }
}

TEST_CASE("a slow answer times out per attempt and is retried")
{
  const auto sandbox = start_sandbox({"--latency-ms", "1000"});
  auto options = fast_engine();
  options.timeout = milliseconds(150);
  options.max_attempts = 2;
  HttpEngine engine(options);
  std::vector<HttpResponse> responses;
  const auto elapsed = time_run(engine, gets(sandbox.url(), 1), responses);
  CHECK(responses[0].attempts == 2);
  CHECK(responses[0].status == 0);
  CHECK(responses[0].transport_error.find("imed out") != std::string::npos);
  CHECK(elapsed >= milliseconds(300));
  CHECK(elapsed < milliseconds(900));
}

TEST_CASE("a response over max_response_bytes is refused, not retried")
{
  const auto sandbox = start_sandbox({});
  auto options = fast_engine();
  options.max_response_bytes = 200;
  HttpEngine engine(options);
  const auto responses = engine.run(gets(sandbox.url(), 1));
  CHECK(responses[0].transport_error == "response larger than 200 bytes");
  CHECK(responses[0].attempts == 1);
  CHECK(responses[0].body.empty());
}

TEST_CASE("requests reuse the pool's connections")
{
  const auto sandbox = start_sandbox({});
  auto options = fast_engine();
  options.parallelism = 4;
  HttpEngine engine(options);
  const auto responses = engine.run(gets(sandbox.url(), 100));
  long opened = 0;
  for (const auto& response : responses) {
    CHECK(response.status == 200);
    opened += response.new_connections;
  }
  // One connection per transfer slot at most, not one per request.
  CHECK(opened >= 1);
  CHECK(opened <= 4);
}

TEST_CASE("transfers run in parallel up to the limit")
{
  const auto sandbox = start_sandbox({"--latency-ms", "100"});
  std::vector<HttpResponse> responses;

  // Each engine first opens its connections, so the timed run measures
  // transfers on a warm pool rather than the server's accept queue.
  auto options = fast_engine();
  options.parallelism = 4;
  HttpEngine four(options);
  four.run(gets(sandbox.url(), 4));
  const auto by_four = time_run(four, gets(sandbox.url(), 16), responses);
  CHECK(total_attempts(responses) == 16);
  // ceil(16 / 4) rounds of 100 ms; one at a time would take 1600 ms.
  CHECK(by_four >= milliseconds(390));
  CHECK(by_four < milliseconds(1100));

  options.parallelism = 16;
  HttpEngine sixteen(options);
  sixteen.run(gets(sandbox.url(), 16));
  const auto at_once = time_run(sixteen, gets(sandbox.url(), 16), responses);
  CHECK(at_once >= milliseconds(95));
  CHECK(at_once < milliseconds(700));
  for (const auto& response : responses) {
    CHECK(response.status == 200);
  }
}

TEST_CASE("the request budget spaces attempts out")
{
  const auto sandbox = start_sandbox({});
  auto options = fast_engine();
  // 600 a minute is 10 a second; the burst is 60, so take 70.
  options.requests_per_minute = 600;
  HttpEngine engine(options);
  std::vector<HttpResponse> responses;
  const auto elapsed = time_run(engine, gets(sandbox.url(), 70), responses);
  CHECK(elapsed >= milliseconds(900));
  CHECK(elapsed < milliseconds(3000));
}

TEST_CASE("stop lets in-flight transfers finish and cancels the rest")
{
  const auto sandbox = start_sandbox({"--latency-ms", "100"});
  std::atomic<bool> stop{false};
  auto options = fast_engine();
  options.parallelism = 2;
  options.stop = &stop;
  HttpEngine engine(options);

  std::size_t callbacks = 0;
  const auto responses =
      engine.run(gets(sandbox.url(), 6), [&](std::size_t, const HttpResponse&) {
        ++callbacks;
        stop = true;
      });
  CHECK(callbacks == 6);
  int finished = 0;
  for (const auto& response : responses) {
    if (response.cancelled) {
      CHECK(response.attempts == 0);
    } else {
      CHECK(response.status == 200);
      ++finished;
    }
  }
  CHECK(finished == 2);
}

TEST_CASE("a stop before the run starts nothing")
{
  const std::atomic<bool> stop{true};
  auto options = fast_engine();
  options.stop = &stop;
  HttpEngine engine(options);
  const auto responses = engine.run(gets("http://127.0.0.1:9", 3));
  for (const auto& response : responses) {
    CHECK(response.cancelled);
    CHECK(response.attempts == 0);
  }
}

TEST_CASE("a stop during a retry wait cancels the retry")
{
  const auto sandbox = start_sandbox({"--error-rate", "1.0"});
  std::atomic<bool> stop{false};
  auto options = fast_engine();
  options.backoff_base = milliseconds(400);
  options.backoff_cap = milliseconds(400);
  options.max_attempts = 50;
  options.stop = &stop;
  HttpEngine engine(options);

  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(150));
    stop = true;
  });
  std::vector<HttpResponse> responses;
  const auto elapsed = time_run(engine, gets(sandbox.url(), 2), responses);
  stopper.join();

  CHECK(elapsed < milliseconds(2000));
  for (const auto& response : responses) {
    CHECK(response.cancelled);
    CHECK(response.attempts >= 1);
    CHECK(response.attempts < 50);
    CHECK(response.status >= 500);
  }
}
