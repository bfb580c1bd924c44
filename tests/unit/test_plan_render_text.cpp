#include "plan/render_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using flowctl::diff::Change;
using flowctl::diff::Op;
using flowctl::plan::Action;
using flowctl::plan::FlowError;
using flowctl::plan::FlowPlan;
using flowctl::plan::Plan;
using flowctl::plan::render_text;
using flowctl::plan::TextOptions;
using nlohmann::json;

Change make_change(std::string path, std::string pointer, Op op, json before,
                   json after, bool sensitive = false)
{
  Change change;
  change.path = std::move(path);
  change.pointer = std::move(pointer);
  change.op = op;
  change.before = std::move(before);
  change.after = std::move(after);
  change.sensitive = sensitive;
  return change;
}

FlowPlan updated(std::string id, std::string file, int line,
                 std::vector<Change> changes,
                 std::vector<std::string> sensitive = {})
{
  FlowPlan flow;
  flow.id = std::move(id);
  flow.file = std::move(file);
  flow.line = line;
  flow.action = Action::update;
  flow.changes = std::move(changes);
  flow.sensitive = std::move(sensitive);
  return flow;
}

FlowPlan unchanged(std::string id)
{
  FlowPlan flow;
  flow.id = std::move(id);
  flow.file = "flows/same.yaml";
  flow.line = 1;
  flow.action = Action::unchanged;
  return flow;
}

FlowPlan failed(std::string id, std::string file, int line, FlowError error)
{
  FlowPlan flow;
  flow.id = std::move(id);
  flow.file = std::move(file);
  flow.line = line;
  flow.action = Action::failed;
  flow.error = std::move(error);
  return flow;
}

Plan plan_of(std::vector<FlowPlan> flows)
{
  Plan plan;
  plan.flows = std::move(flows);
  return plan;
}

std::string plain(const Plan& plan)
{
  return render_text(plan, TextOptions{});
}

} // namespace

TEST_CASE("a replaced value shows both sides on one line")
{
  auto plan = plan_of({updated(
      "project_flow_123456789", "flows/onboarding.yaml", 2,
      {make_change("status", "/status", Op::replace, "draft", "active")})});

  CHECK(plain(plan) == "~ flow project_flow_123456789 "
                       "(flows/onboarding.yaml:2)\n"
                       "    ~ status: \"draft\" -> \"active\"\n"
                       "\n"
                       "Plan: 1 to update, 0 unchanged, 0 failed.\n");
}

TEST_CASE("adds, removes and replaces each get their own sign")
{
  auto plan = plan_of({updated(
      "project_flow_123456789", "flows/onboarding.yaml", 2,
      {make_change("status", "/status", Op::replace, "draft", "active"),
       make_change("configuration.phoneVerification.method",
                   "/configuration/phoneVerification/method", Op::replace,
                   "whatsapp", "sms"),
       make_change("steps[order=4]", "/steps/3", Op::add, json(),
                   json{{"order", 4}, {"stepType", "document"}}),
       make_change("configuration.legacy", "/configuration/legacy", Op::remove,
                   true, json())})});

  CHECK(plain(plan) ==
        "~ flow project_flow_123456789 (flows/onboarding.yaml:2)\n"
        "    ~ status: \"draft\" -> \"active\"\n"
        "    ~ configuration.phoneVerification.method: \"whatsapp\" -> "
        "\"sms\"\n"
        "    + steps[order=4]: {\"order\":4,\"stepType\":\"document\"}\n"
        "    - configuration.legacy: true\n"
        "\n"
        "Plan: 1 to update, 0 unchanged, 0 failed.\n");
}

TEST_CASE("a long value is printed indented on lines of its own")
{
  json step{{"config", {{"verificationMethod", "verificationCode"}}},
            {"order", 4},
            {"stepType", "document"}};
  auto plan = plan_of({updated(
      "flow_a", "flows/a.yaml", 7,
      {make_change("steps[order=4]", "/steps/3", Op::add, json(), step),
       make_change("description", "/description", Op::replace, "short",
                   std::string(70, 'x'))})});

  CHECK(plain(plan) == "~ flow flow_a (flows/a.yaml:7)\n"
                       "    + steps[order=4]:\n"
                       "        {\n"
                       "          \"config\": {\n"
                       "            \"verificationMethod\": "
                       "\"verificationCode\"\n"
                       "          },\n"
                       "          \"order\": 4,\n"
                       "          \"stepType\": \"document\"\n"
                       "        }\n"
                       "    ~ description:\n"
                       "        \"short\"\n"
                       "        ->\n"
                       "        \"" +
                           std::string(70, 'x') +
                           "\"\n"
                           "\n"
                           "Plan: 1 to update, 0 unchanged, 0 failed.\n");
}

TEST_CASE("a value of exactly sixty characters stays on the change line")
{
  // Two quotes around 58 characters make 60 characters of JSON.
  auto value = std::string(58, 'y');
  auto plan = plan_of(
      {updated("flow_a", "flows/a.yaml", 1,
               {make_change("name", "/name", Op::add, json(), value)})});

  CHECK(plain(plan) == "~ flow flow_a (flows/a.yaml:1)\n"
                       "    + name: \"" +
                           value +
                           "\"\n\nPlan: 1 to update, 0 unchanged, 0 failed.\n");
}

TEST_CASE("failed flows are listed after the changes with the server's words")
{
  auto plan = plan_of(
      {failed(
           "project_flow_missing", "flows/gone.yaml", 3,
           FlowError{404, "PROJECT_FLOW_NOT_FOUND", "Project flow not found"}),
       updated("flow_b", "flows/b.yaml", 1,
               {make_change("name", "/name", Op::replace, "Old", "New")}),
       failed("flow_c", "flows/c.yaml", 9,
              FlowError{0, "TRANSPORT", "connection refused"})});

  CHECK(plain(plan) ==
        "~ flow flow_b (flows/b.yaml:1)\n"
        "    ~ name: \"Old\" -> \"New\"\n"
        "\n"
        "! flow project_flow_missing (flows/gone.yaml:3): HTTP 404 "
        "PROJECT_FLOW_NOT_FOUND: Project flow not found\n"
        "! flow flow_c (flows/c.yaml:9): TRANSPORT: connection refused\n"
        "\n"
        "Plan: 1 to update, 0 unchanged, 2 failed.\n");
}

TEST_CASE("unchanged flows are counted and not listed")
{
  auto plan = plan_of(
      {unchanged("flow_same_1"),
       updated("flow_b", "flows/b.yaml", 1,
               {make_change("name", "/name", Op::replace, "Old", "New")}),
       unchanged("flow_same_2")});

  auto text = plain(plan);

  CHECK(text.find("flow_same") == std::string::npos);
  CHECK(text.find("No changes") == std::string::npos);
  CHECK(text.substr(text.rfind("Plan:")) ==
        "Plan: 1 to update, 2 unchanged, 0 failed.\n");
}

TEST_CASE("a plan without changes or failures says so before the total")
{
  auto plan = plan_of({unchanged("flow_a"), unchanged("flow_b")});

  CHECK(plain(plan) == "No changes. Live flows match the files.\n"
                       "Plan: 0 to update, 2 unchanged, 0 failed.\n");
  CHECK(plain(Plan{}) == "No changes. Live flows match the files.\n"
                         "Plan: 0 to update, 0 unchanged, 0 failed.\n");
}

TEST_CASE("a plan with only failures does not claim there are no changes")
{
  auto plan = plan_of({failed("flow_a", "flows/a.yaml", 1,
                              FlowError{401, "UNAUTHORIZED", "bad token"})});

  CHECK(plain(plan) == "! flow flow_a (flows/a.yaml:1): HTTP 401 "
                       "UNAUTHORIZED: bad token\n"
                       "\n"
                       "Plan: 0 to update, 0 unchanged, 1 failed.\n");
}

TEST_CASE("colour paints signs and headers only when asked")
{
  auto plan =
      plan_of({updated("flow_a", "flows/a.yaml", 2,
                       {make_change("status", "/status", Op::replace, "draft",
                                    "active"),
                        make_change("name", "/name", Op::add, json(), "N"),
                        make_change("description", "/description", Op::remove,
                                    "D", json())}),
               failed("flow_b", "flows/b.yaml", 1,
                      FlowError{404, "PROJECT_FLOW_NOT_FOUND", "gone"})});

  CHECK(render_text(plan, TextOptions{true}) ==
        "\033[33m~\033[0m \033[1mflow flow_a\033[0m (flows/a.yaml:2)\n"
        "    \033[33m~\033[0m status: \"draft\" -> \"active\"\n"
        "    \033[32m+\033[0m name: \"N\"\n"
        "    \033[31m-\033[0m description: \"D\"\n"
        "\n"
        "\033[31m!\033[0m \033[1mflow flow_b\033[0m (flows/b.yaml:1): "
        "HTTP 404 PROJECT_FLOW_NOT_FOUND: gone\n"
        "\n"
        "\033[1mPlan:\033[0m 1 to update, 0 unchanged, 1 failed.\n");
  CHECK(render_text(plan, TextOptions{false}).find('\033') ==
        std::string::npos);
}

TEST_CASE("a sensitive change shows neither side")
{
  auto plan = plan_of(
      {updated("flow_a", "flows/a.yaml", 2,
               {make_change("configuration.webhook.secret",
                            "/configuration/webhook/secret", Op::replace,
                            "old-secret-value", "new-secret-value", true)},
               {"/configuration/webhook/secret"})});

  auto text = plain(plan);

  CHECK(text == "~ flow flow_a (flows/a.yaml:2)\n"
                "    ~ configuration.webhook.secret: (sensitive) -> "
                "(sensitive)\n"
                "\n"
                "Plan: 1 to update, 0 unchanged, 0 failed.\n");
  CHECK(text.find("secret-value") == std::string::npos);
}

TEST_CASE("secret parts of a larger value are replaced and the rest shown")
{
  json before{{"webhook", {{"secret", "old-hunter2"}, {"url", "https://a"}}}};
  json after{{"webhook", {{"secret", "new-hunter2"}, {"url", "https://b"}}}};
  auto plan = plan_of({updated("flow_a", "flows/a.yaml", 2,
                               {make_change("configuration", "/configuration",
                                            Op::replace, before, after, true)},
                               {"/configuration/webhook/secret"})});

  auto text = plain(plan);

  CHECK(text.find("hunter2") == std::string::npos);
  CHECK(text.find(
            "    ~ configuration: "
            "{\"webhook\":{\"secret\":\"(sensitive)\",\"url\":\"https://a\"}} "
            "-> "
            "{\"webhook\":{\"secret\":\"(sensitive)\",\"url\":\"https://"
            "b\"}}\n") != std::string::npos);
}

TEST_CASE("secret values are hidden even in a colourful long rendering")
{
  json step{{"config", {{"apiKey", "sk-live-abcdef123456"}, {"x", 1}}},
            {"order", 2},
            {"stepType", "webhook"},
            {"padding", std::string(80, 'p')}};
  auto plan = plan_of({updated(
      "flow_a", "flows/a.yaml", 2,
      {make_change("steps[order=2]", "/steps/1", Op::remove, step, json(),
                   true),
       make_change("steps[order=3]", "/steps/2", Op::add, json(), step, true)},
      {"/steps/*/config/apiKey"})});

  for (bool color : {false, true}) {
    auto text = render_text(plan, TextOptions{color});
    CHECK(text.find("sk-live") == std::string::npos);
    CHECK(text.find("\"apiKey\": \"(sensitive)\"") != std::string::npos);
  }
}

TEST_CASE("a value under a sensitive pattern is hidden even if not flagged")
{
  auto plan = plan_of({updated("flow_a", "flows/a.yaml", 2,
                               {make_change("configuration.webhook.secret",
                                            "/configuration/webhook/secret",
                                            Op::add, json(), "plain-secret")},
                               {"/configuration/webhook/secret"})});

  auto text = plain(plan);

  CHECK(text.find("plain-secret") == std::string::npos);
  CHECK(text.find("+ configuration.webhook.secret: (sensitive)\n") !=
        std::string::npos);
}

TEST_CASE("a change flagged sensitive is hidden even with no pattern")
{
  auto plan =
      plan_of({updated("flow_a", "flows/a.yaml", 2,
                       {make_change("name", "/name", Op::replace,
                                    "from-env-old", "from-env-new", true)})});

  auto text = plain(plan);

  CHECK(text.find("from-env") == std::string::npos);
  CHECK(text.find("~ name: (sensitive) -> (sensitive)\n") != std::string::npos);
}

TEST_CASE("control characters in names and messages cannot reach a terminal")
{
  auto plan = plan_of(
      {updated("flow_a", "flows/a\033[2J.yaml", 1,
               {make_change("configuration[\"a\nb\"]", "/configuration/a\nb",
                            Op::add, json(), "v\033")}),
       failed("flow_b", "flows/b.yaml", 1,
              FlowError{500, "ERR", "boom\r\nPlan: 0 to update"})});

  auto text = plain(plan);

  CHECK(text.find('\033') == std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
  CHECK(text.find("flows/a\\x1b[2J.yaml") != std::string::npos);
  CHECK(text.find("configuration[\"a\\x0ab\"]: \"v\\u001b\"") !=
        std::string::npos);
  CHECK(text.find("boom\\x0d\\x0aPlan: 0 to update\n") != std::string::npos);
}
