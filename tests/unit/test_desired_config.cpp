#include "desired/config.hpp"
#include "test_desired_support.hpp"

#include <doctest/doctest.h>

using flowctl::desired::ConfigResult;
using flowctl::desired::load_config;
using flowctl::desired::Settings;
using flowctl::desired::testing::TempTree;
using flowctl::desired::testing::WorkingDirectory;

namespace {

const std::string k_repo = FLOWCTL_SOURCE_DIR "/tests/fixtures/desired/repo";

std::vector<std::string> messages(const ConfigResult& result)
{
  std::vector<std::string> texts;
  for (const auto& error : result.errors) {
    texts.push_back(error.to_string());
  }
  return texts;
}

void check_defaults(const Settings& settings)
{
  CHECK(settings.api_url == "https://api.verifik.co");
  CHECK(settings.token_env == "VERIFIK_TOKEN");
  CHECK(settings.flows == std::vector<std::string>{"flows"});
  CHECK(settings.parallelism == 8);
  CHECK(settings.requests_per_minute == 100);
  CHECK(settings.list_keys ==
        std::map<std::string, std::string>{{"steps", "order"}});
  CHECK(settings.ignore.empty());
  CHECK(settings.sensitive.empty());
  CHECK(settings.project.empty());
  CHECK(settings.vars.empty());
}

} // namespace

TEST_CASE("without flowctl.yaml the defaults apply")
{
  TempTree tree;
  WorkingDirectory inside(tree.root());
  const auto result = load_config("", "");
  CHECK(messages(result).empty());
  CHECK(result.config.path.empty());
  CHECK(result.config.base_dir == ".");
  CHECK(result.config.environment_names.empty());
  check_defaults(result.config.settings);
}

TEST_CASE("./flowctl.yaml is read when no path is given")
{
  TempTree tree;
  tree.write("flowctl.yaml", "parallelism: 2\n");
  WorkingDirectory inside(tree.root());
  const auto result = load_config("", "");
  CHECK(messages(result).empty());
  CHECK(result.config.path == "flowctl.yaml");
  CHECK(result.config.base_dir == ".");
  CHECK(result.config.settings.parallelism == 2);
  CHECK(result.config.settings.token_env == "VERIFIK_TOKEN");
}

TEST_CASE("an empty flowctl.yaml means the defaults")
{
  TempTree tree;
  tree.write("flowctl.yaml", "# nothing set\n");
  const auto result = load_config(tree.path("flowctl.yaml"), "");
  CHECK(messages(result).empty());
  check_defaults(result.config.settings);
}

TEST_CASE("every setting of flowctl.yaml is read")
{
  const auto result = load_config(k_repo + "/flowctl.yaml", "");
  REQUIRE(messages(result).empty());
  const auto& config = result.config;
  CHECK(config.path == k_repo + "/flowctl.yaml");
  CHECK(config.base_dir == k_repo);
  CHECK(config.environment.empty());
  CHECK(config.environment_names ==
        std::vector<std::string>{"production", "staging"});
  const auto& settings = config.settings;
  CHECK(settings.api_url == "https://api.verifik.co");
  CHECK(settings.token_env == "VERIFIK_TOKEN");
  CHECK(settings.flows == std::vector<std::string>{"flows"});
  CHECK(settings.parallelism == 4);
  CHECK(settings.requests_per_minute == 60);
  CHECK(settings.ignore ==
        std::vector<std::string>{"/configuration/securityThresholds"});
  CHECK(settings.sensitive ==
        std::vector<std::string>{"/configuration/webhook/secret"});
  CHECK(settings.project == "project_123456789");
  CHECK(settings.vars ==
        std::map<std::string, std::string>{
            {"region", "eu"}, {"webhook_host", "hooks.example.com"}});
}

TEST_CASE("an environment overrides settings and merges vars")
{
  const auto result = load_config(k_repo + "/flowctl.yaml", "staging");
  REQUIRE(messages(result).empty());
  const auto& settings = result.config.settings;
  CHECK(result.config.environment == "staging");
  CHECK(settings.token_env == "VERIFIK_TOKEN_STAGING");
  CHECK(settings.flows == std::vector<std::string>{"envs/staging"});
  CHECK(settings.parallelism == 4);
  CHECK(settings.project == "project_123456789");
  CHECK(settings.vars ==
        std::map<std::string, std::string>{
            {"region", "eu"}, {"webhook_host", "hooks.staging.example.com"}});
}

TEST_CASE("an environment may override any setting")
{
  TempTree tree;
  tree.write("conf/flowctl.yaml", "environments:\n"
                                  "  e:\n"
                                  "    api_url: http://127.0.0.1:9\n"
                                  "    token_env: T\n"
                                  "    flows: [a, b]\n"
                                  "    parallelism: 1\n"
                                  "    requests_per_minute: 5\n"
                                  "    list_keys: {steps: stepType}\n"
                                  "    ignore: [/a]\n"
                                  "    sensitive: [/b/*]\n"
                                  "    project: p\n"
                                  "    vars: {k: v}\n");
  const auto result = load_config(tree.path("conf/flowctl.yaml"), "e");
  REQUIRE(messages(result).empty());
  const auto& settings = result.config.settings;
  CHECK(result.config.base_dir == tree.path("conf"));
  CHECK(settings.api_url == "http://127.0.0.1:9");
  CHECK(settings.token_env == "T");
  CHECK(settings.flows == std::vector<std::string>{"a", "b"});
  CHECK(settings.parallelism == 1);
  CHECK(settings.requests_per_minute == 5);
  CHECK(settings.list_keys ==
        std::map<std::string, std::string>{{"steps", "stepType"}});
  CHECK(settings.ignore == std::vector<std::string>{"/a"});
  CHECK(settings.sensitive == std::vector<std::string>{"/b/*"});
  CHECK(settings.project == "p");
  CHECK(settings.vars == std::map<std::string, std::string>{{"k", "v"}});
}

TEST_CASE("an unknown environment is an error listing the known ones")
{
  const auto path = k_repo + "/flowctl.yaml";
  CHECK(
      messages(load_config(path, "prod")) ==
      std::vector<std::string>{
          path + ": unknown environment 'prod' (known: production, staging)"});

  TempTree tree;
  tree.write("flowctl.yaml", "parallelism: 2\n");
  CHECK(messages(load_config(tree.path("flowctl.yaml"), "prod")) ==
        std::vector<std::string>{tree.path("flowctl.yaml") +
                                 ": unknown environment 'prod' (" +
                                 tree.path("flowctl.yaml") + " defines none)"});

  WorkingDirectory inside(tree.root() + "/..");
  TempTree empty;
  WorkingDirectory inside_empty(empty.root());
  CHECK(messages(load_config("", "prod")) ==
        std::vector<std::string>{
            "unknown environment 'prod' (there is no flowctl.yaml)"});
}

TEST_CASE("an unknown setting is an error with a suggestion")
{
  TempTree tree;
  tree.write("flowctl.yaml", "paralelism: 4\n"
                             "environments:\n"
                             "  staging:\n"
                             "    tokn_env: X\n"
                             "    environments: {}\n"
                             "colour: blue\n");
  const auto file = tree.path("flowctl.yaml");
  CHECK(messages(load_config(file, "")) ==
        std::vector<std::string>{
            file + ":1:1: unknown field 'paralelism' (did you mean "
                   "'parallelism'?)",
            file + ":4:5: environments.staging: unknown field 'tokn_env' "
                   "(did you mean 'token_env'?)",
            file + ":5:5: environments.staging: unknown field 'environments'",
            file + ":6:1: unknown field 'colour'"});
}

TEST_CASE("settings of the wrong type or range are errors")
{
  TempTree tree;
  tree.write("flowctl.yaml", "parallelism: eight\n"
                             "requests_per_minute: -1\n"
                             "flows: []\n"
                             "token_env: 1BAD\n"
                             "api_url: api.verifik.co\n"
                             "vars: {port: 8080}\n"
                             "list_keys: {steps: ''}\n");
  const auto file = tree.path("flowctl.yaml");
  CHECK(messages(load_config(file, "")) ==
        std::vector<std::string>{
            file + ":1:14: parallelism: expected integer, got string "
                   "\"eight\"",
            file + ":2:22: requests_per_minute: -1 is less than the minimum 0",
            file + ":3:8: flows: must not be empty",
            file + ":4:12: token_env: \"1BAD\" does not match the pattern "
                   "^[A-Za-z_][A-Za-z0-9_]*$",
            file + ":5:10: api_url: \"api.verifik.co\" does not match the "
                   "pattern ^https?://[^/]+",
            file + ":6:14: vars.port: expected string, got integer 8080 "
                   "(quote it to keep it a string)",
            file + ":7:20: list_keys.steps: must not be empty"});
}

TEST_CASE("requests_per_minute 0 is accepted: no client-side limit")
{
  TempTree tree;
  tree.write("flowctl.yaml", "requests_per_minute: 0\n"
                             "environments: {ci: {requests_per_minute: 0}}\n");
  const auto top = load_config(tree.path("flowctl.yaml"), "");
  REQUIRE(messages(top).empty());
  CHECK(top.config.settings.requests_per_minute == 0);
  const auto ci = load_config(tree.path("flowctl.yaml"), "ci");
  REQUIRE(messages(ci).empty());
  CHECK(ci.config.settings.requests_per_minute == 0);
}

TEST_CASE("ignore and sensitive patterns must be JSON pointers")
{
  TempTree tree;
  tree.write("flowctl.yaml", "ignore: [/ok, configuration/x]\n"
                             "sensitive:\n  - secret\n");
  const auto file = tree.path("flowctl.yaml");
  CHECK(messages(load_config(file, "")) ==
        std::vector<std::string>{
            file + ":1:15: ignore[1]: \"configuration/x\" does not match the "
                   "pattern ^/",
            file + ":3:5: sensitive[0]: \"secret\" does not match the "
                   "pattern ^/"});
}

TEST_CASE("a missing or broken settings file is an error")
{
  TempTree tree;
  const auto missing = tree.path("none.yaml");
  CHECK(messages(load_config(missing, "")) ==
        std::vector<std::string>{missing +
                                 ": cannot read: No such file or directory"});

  tree.write("bad.yaml", "a: [\n");
  CHECK(
      messages(load_config(tree.path("bad.yaml"), "")) ==
      std::vector<std::string>{tree.path("bad.yaml") +
                               ":2:1: invalid YAML: did not find expected node "
                               "content while parsing a flow node"});

  tree.write("list.yaml", "- a\n");
  CHECK(messages(load_config(tree.path("list.yaml"), "")) ==
        std::vector<std::string>{tree.path("list.yaml") +
                                 ":1:1: the settings must be a mapping"});

  tree.write("two.yaml", "parallelism: 1\n---\nparallelism: 2\n");
  CHECK(messages(load_config(tree.path("two.yaml"), "")) ==
        std::vector<std::string>{
            tree.path("two.yaml") +
            ":2:1: a settings file holds one document only"});
}

TEST_CASE("a config in a subdirectory names it as the base directory")
{
  TempTree tree;
  tree.write("sub/flowctl.yaml", "flows: [f]\n");
  WorkingDirectory inside(tree.root());
  const auto result = load_config("sub/flowctl.yaml", "");
  REQUIRE(messages(result).empty());
  CHECK(result.config.base_dir == "sub");
}
