#include "live/verifik_client.hpp"
#include "support/sandbox_process.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <sstream>

using namespace flowctl::live;
using flowctl::testing::example_seed_path;
using flowctl::testing::SandboxProcess;

namespace {

const std::string k_token = "tok-3f9a7c1e-never-in-logs";
const std::string k_onboarding = "project_flow_123456789";
const std::string k_project = "project_123456789";

ClientOptions options_for(const std::string& url,
                          const std::string& token = k_token)
{
  ClientOptions options;
  options.base_url = url;
  options.token = token;
  options.engine.requests_per_minute = 0;
  options.engine.backoff_base = std::chrono::milliseconds(5);
  options.engine.backoff_cap = std::chrono::milliseconds(50);
  return options;
}

SandboxProcess start_sandbox()
{
  return SandboxProcess({"--token", k_token, "--seed", example_seed_path()});
}

// Routes every log line at debug level into a string for the test's life.
class LogCapture {
public:
  LogCapture() : m_previous(spdlog::default_logger())
  {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_lines);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(m_previous); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::string text() const { return m_lines.str(); }

private:
  std::ostringstream m_lines;
  std::shared_ptr<spdlog::logger> m_previous;
};

// A loopback port nothing listens on: bound, read back, then released.
int closed_port()
{
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

} // namespace

TEST_CASE("get_flows reads flows in order and reports progress")
{
  const auto sandbox = start_sandbox();
  VerifikClient client(options_for(sandbox.url()));

  std::vector<std::pair<std::size_t, std::size_t>> progress;
  const auto results = client.get_flows(
      {k_onboarding, "project_flow_223456789", "project_flow_323456789"},
      [&](std::size_t done, std::size_t total) {
        progress.emplace_back(done, total);
      });

  REQUIRE(results.size() == 3);
  CHECK(results[1].id == "project_flow_223456789");
  for (const auto& result : results) {
    CAPTURE(result.id);
    CHECK_FALSE(result.error);
    REQUIRE(result.flow);
    CHECK((*result.flow)["_id"] == result.id);
  }
  CHECK((*results[0].flow)["configuration"]["phoneVerification"]["method"] ==
        "whatsapp");
  CHECK(progress.back() == std::pair<std::size_t, std::size_t>(3, 3));
  CHECK(progress.size() == 3);
}

TEST_CASE("an unknown flow is a 404 in the server's words")
{
  const auto sandbox = start_sandbox();
  VerifikClient client(options_for(sandbox.url()));
  const auto results = client.get_flows({"project_flow_missing", k_onboarding});

  REQUIRE(results[0].error);
  CHECK_FALSE(results[0].flow);
  CHECK(results[0].error->describe() ==
        "HTTP 404 PROJECT_FLOW_NOT_FOUND: Project flow not found");
  CHECK(results[1].flow);
}

TEST_CASE("a wrong token is a 401 in the server's words, not retried")
{
  const auto sandbox = start_sandbox();
  VerifikClient client(options_for(sandbox.url(), "wrong-token"));
  const auto results = client.get_flows({k_onboarding});
  REQUIRE(results[0].error);
  CHECK(results[0].error->status == 401);
  CHECK(results[0].error->code == "INVALID_TOKEN");
  CHECK(results[0].error->message == "Unauthorized");

  const auto list = client.list_flows({});
  REQUIRE(list.error);
  CHECK(list.error->status == 401);
}

TEST_CASE("list_flows reads every page and applies filters")
{
  const auto sandbox = start_sandbox();
  VerifikClient client(options_for(sandbox.url()));

  const auto all = client.list_flows({});
  REQUIRE_FALSE(all.error);
  CHECK(all.flows.size() == 4);
  CHECK(all.flows[0]["_id"] == k_onboarding);

  const auto project = client.list_flows({k_project, "", ""});
  REQUIRE_FALSE(project.error);
  CHECK(project.flows.size() == 3);

  const auto drafts = client.list_flows({k_project, "", "draft"});
  REQUIRE_FALSE(drafts.error);
  REQUIRE(drafts.flows.size() >= 1);
  for (const auto& flow : drafts.flows) {
    CHECK(flow["status"] == "draft");
  }

  const auto none = client.list_flows({"project_nobody", "", ""});
  REQUIRE_FALSE(none.error);
  CHECK(none.flows.empty());
}

TEST_CASE("list_flows crosses page boundaries")
{
  // 250 flows: three pages of at most 100.
  const auto dir = flowctl::testing::make_temp_dir();
  const auto seed = dir + "/many.json";
  nlohmann::json flows = nlohmann::json::array();
  for (int i = 0; i < 250; ++i) {
    char id[32];
    std::snprintf(id, sizeof(id), "flow_%03d", i);
    flows.push_back({{"_id", id},
                     {"project", "p"},
                     {"type", "login"},
                     {"status", "active"},
                     {"name", id},
                     {"configuration", nlohmann::json::object()},
                     {"steps", nlohmann::json::array()}});
  }
  std::FILE* file = std::fopen(seed.c_str(), "w");
  REQUIRE(file != nullptr);
  std::fputs(flows.dump().c_str(), file);
  std::fclose(file);

  const SandboxProcess sandbox({"--token", k_token, "--seed", seed});
  VerifikClient client(options_for(sandbox.url()));
  const auto listed = client.list_flows({});
  std::remove(seed.c_str());
  rmdir(dir.c_str());

  REQUIRE_FALSE(listed.error);
  REQUIRE(listed.flows.size() == 250);
  CHECK(listed.flows[0]["_id"] == "flow_000");
  CHECK(listed.flows[100]["_id"] == "flow_100");
  CHECK(listed.flows[249]["_id"] == "flow_249");
}

TEST_CASE("update_flows sends the fields and returns the updated flow")
{
  const auto sandbox = start_sandbox();
  VerifikClient client(options_for(sandbox.url()));

  std::vector<std::size_t> done;
  const auto results = client.update_flows(
      {{k_onboarding, {{"status", "active"}, {"name", "Onboarding"}}},
       {"project_flow_223456789", {{"description", "Signed in by code"}}}},
      [&](std::size_t index, const FlowResult&) { done.push_back(index); });

  REQUIRE(results.size() == 2);
  REQUIRE(results[0].flow);
  CHECK((*results[0].flow)["status"] == "active");
  CHECK((*results[0].flow)["name"] == "Onboarding");
  REQUIRE(results[1].flow);
  CHECK((*results[1].flow)["description"] == "Signed in by code");
  CHECK(done.size() == 2);

  const auto reread = client.get_flows({k_onboarding});
  REQUIRE(reread[0].flow);
  CHECK((*reread[0].flow)["status"] == "active");
}

TEST_CASE("an invalid update is a 400 in the server's words")
{
  const auto sandbox = start_sandbox();
  VerifikClient client(options_for(sandbox.url()));
  const auto results =
      client.update_flows({{k_onboarding, {{"status", "sleeping"}}}});
  REQUIRE(results[0].error);
  CHECK(results[0].error->describe() ==
        "HTTP 400 INVALID_CONFIGURATION: Invalid configuration");

  const auto reread = client.get_flows({k_onboarding});
  CHECK((*reread[0].flow)["status"] == "draft");
}

TEST_CASE("an unreachable server is a TRANSPORT error after every attempt")
{
  auto options =
      options_for("http://127.0.0.1:" + std::to_string(closed_port()));
  options.engine.max_attempts = 3;
  VerifikClient client(options);
  const auto results = client.get_flows({k_onboarding});
  REQUIRE(results[0].error);
  CHECK(results[0].error->status == 0);
  CHECK(results[0].error->code == "TRANSPORT");
  CHECK_FALSE(results[0].error->message.empty());

  HttpEngine engine(options.engine);
  const auto responses =
      engine.run({{"GET", flow_url(options.base_url, "x"), "", {}}});
  CHECK(responses[0].attempts == 3);
  CHECK_FALSE(responses[0].transport_error.empty());
}

TEST_CASE("trace logs show each request by path, debug each retry and why, "
          "and never the token")
{
  const auto sandbox =
      SandboxProcess({"--token", k_token, "--seed", example_seed_path(),
                      "--error-rate", "0.5", "--fault-seed", "7"});
  const LogCapture capture;
  spdlog::set_level(spdlog::level::trace);
  {
    auto options = options_for(sandbox.url());
    options.engine.max_attempts = 10;
    VerifikClient patient(options);
    patient.get_flows({k_onboarding, "project_flow_missing"});
    patient.update_flows({{k_onboarding, {{"status", "paused"}}}});
    patient.list_flows({k_project, "", ""});
    VerifikClient(options_for(sandbox.url(), k_token + "-wrong"))
        .get_flows({k_onboarding});
  }
  const auto logged = capture.text();
  CHECK(logged.find("GET /v2/project-flows/" + k_onboarding + " -> 200 (") !=
        std::string::npos);
  CHECK(logged.find("PUT /v2/project-flows/" + k_onboarding + " -> ") !=
        std::string::npos);
  CHECK(logged.find("GET /v2/project-flows -> ") != std::string::npos);
  CHECK(logged.find("retrying in") != std::string::npos);
  CHECK(logged.find(") after ") != std::string::npos);
  CHECK(logged.find(k_token) == std::string::npos);
  CHECK(logged.find("Bearer") == std::string::npos);
  CHECK(logged.find("127.0.0.1") == std::string::npos);
  CHECK(logged.find("project=") == std::string::npos);
}

TEST_CASE("a failed TLS handshake is a TRANSPORT error, not retried")
{
  // The sandbox speaks plain HTTP, so an https:// client cannot agree on
  // TLS with it; such a failure does not heal by retrying.
  const auto sandbox = start_sandbox();
  auto options =
      options_for("https://127.0.0.1:" + std::to_string(sandbox.port()));
  HttpEngine engine(options.engine);
  const auto responses =
      engine.run({{"GET", flow_url(options.base_url, k_onboarding), "", {}}});
  CHECK(responses[0].attempts == 1);
  CHECK(responses[0].status == 0);
  CHECK_FALSE(responses[0].transport_error.empty());
}

TEST_CASE("client errors are answered once, without retries")
{
  const auto sandbox = start_sandbox();
  HttpEngine engine(options_for(sandbox.url()).engine);
  const auto auth = "Authorization: Bearer " + k_token;
  const auto responses = engine.run({
      {"GET", flow_url(sandbox.url(), "project_flow_missing"), "", {auth}},
      {"GET", flow_url(sandbox.url(), k_onboarding), "", {}},
      {"PUT", flow_url(sandbox.url(), k_onboarding), "[]", {auth}},
  });
  CHECK(responses[0].status == 404);
  CHECK(responses[1].status == 401);
  CHECK(responses[2].status == 400);
  for (const auto& response : responses) {
    CHECK(response.attempts == 1);
  }
}
