#include "apply/audit_log.hpp"
#include "support/sandbox_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

using namespace flowctl;
using apply::FlowOutcome;
using apply::Outcome;

namespace {

FlowOutcome applied_flow()
{
  FlowOutcome flow;
  flow.id = "project_flow_1";
  flow.file = "flows/a.yaml";
  flow.outcome = Outcome::applied;
  flow.changed_paths = {"status", "configuration.webhook.secret"};
  flow.live_digest_before = "sha256:aa";
  flow.live_digest_after = "sha256:bb";
  flow.http_status = 200;
  return flow;
}

std::vector<std::string> read_lines(const std::string& path)
{
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

} // namespace

TEST_CASE("an audit record names the flow, its paths and its digests")
{
  auto record = apply::audit_record(applied_flow(), "2024-05-01T10:00:00Z");
  CHECK(record == nlohmann::json{{"time", "2024-05-01T10:00:00Z"},
                                 {"flow", "project_flow_1"},
                                 {"file", "flows/a.yaml"},
                                 {"outcome", "applied"},
                                 {"changed_paths",
                                  {"status", "configuration.webhook.secret"}},
                                 {"live_digest_before", "sha256:aa"},
                                 {"live_digest_after", "sha256:bb"},
                                 {"http_status", 200}});
}

TEST_CASE("a failed flow's record carries the server's code and message")
{
  auto flow = applied_flow();
  flow.outcome = Outcome::failed;
  flow.live_digest_after.clear();
  flow.http_status = 400;
  flow.error = plan::FlowError{400, "INVALID_CONFIGURATION", "Invalid"};
  auto record = apply::audit_record(flow, "t");
  CHECK(record["outcome"] == "failed");
  CHECK(record["http_status"] == 400);
  CHECK(record["live_digest_after"].is_null());
  CHECK(record["error"] == nlohmann::json{{"code", "INVALID_CONFIGURATION"},
                                          {"message", "Invalid"}});
}

TEST_CASE("a cancelled flow's record has no status and no error")
{
  auto flow = applied_flow();
  flow.outcome = Outcome::cancelled;
  flow.http_status = 0;
  flow.live_digest_after.clear();
  auto record = apply::audit_record(flow, "t");
  CHECK(record["http_status"].is_null());
  CHECK_FALSE(record.contains("error"));
}

TEST_CASE("the timestamp is ISO-8601 UTC with milliseconds")
{
  auto time = apply::utc_timestamp();
  REQUIRE(time.size() == 24);
  CHECK(time[4] == '-');
  CHECK(time[10] == 'T');
  CHECK(time[19] == '.');
  CHECK(time.back() == 'Z');
}

TEST_CASE("the audit log appends whole JSON lines to what is there")
{
  auto dir = testing::make_temp_dir();
  auto path = dir + "/audit.jsonl";
  {
    std::ofstream existing(path);
    existing << "{\"earlier\":true}\n";
  }
  {
    apply::AuditLog log;
    REQUIRE(log.open(path).empty());
    CHECK(log.append(applied_flow()).empty());
    auto failed = applied_flow();
    failed.outcome = Outcome::failed;
    CHECK(log.append(failed).empty());
  }
  auto lines = read_lines(path);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "{\"earlier\":true}");
  CHECK(nlohmann::json::parse(lines[1])["outcome"] == "applied");
  CHECK(nlohmann::json::parse(lines[2])["outcome"] == "failed");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a new audit log is readable by its owner only")
{
  auto dir = testing::make_temp_dir();
  auto path = dir + "/audit.jsonl";
  apply::AuditLog log;
  REQUIRE(log.open(path).empty());
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  std::filesystem::remove_all(dir);
}

TEST_CASE("an audit log that cannot be opened says which file and why")
{
  auto dir = testing::make_temp_dir();
  apply::AuditLog log;
  auto problem = log.open(dir + "/missing/audit.jsonl");
  CHECK(problem.find(dir + "/missing/audit.jsonl: cannot open the audit "
                           "log: ") == 0);
  CHECK_FALSE(log.is_open());
  CHECK(log.append(applied_flow()).empty());
  std::filesystem::remove_all(dir);
}
