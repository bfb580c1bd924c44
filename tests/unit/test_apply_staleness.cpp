#include "apply/staleness.hpp"
#include "plan/plan_builder.hpp"
#include "plan/plan_document.hpp"

#include <doctest/doctest.h>

using namespace flowctl;
using nlohmann::json;

namespace {

json live_flow()
{
  return {{"_id", "f1"},
          {"status", "draft"},
          {"updatedAt", "2024-01-01T00:00:00Z"},
          {"configuration",
           {{"phoneVerification", {{"method", "sms"}}},
            {"webhook", {{"secret", "old-secret"}, {"url", "https://a"}}}}},
          {"steps",
           {{{"stepType", "email"}, {"order", 1}},
            {{"stepType", "phone"}, {"order", 2}}}}};
}

desired::DesiredFlow desired_flow()
{
  desired::DesiredFlow flow;
  flow.id = "f1";
  flow.file = "flows/a.yaml";
  flow.file_digest = "sha256:file-1";
  flow.fields = {
      {"status", "active"},
      {"configuration",
       {{"phoneVerification", {{"method", "sms"}}},
        {"webhook", {{"secret", "new-secret"}, {"url", "https://a"}}}}}};
  return flow;
}

diff::DiffOptions options()
{
  diff::DiffOptions result;
  result.sensitive = {"/configuration/webhook/secret"};
  return result;
}

// A plan as `plan --out` saves it and `apply PLAN` reads it back: secrets
// are markers until the recheck restores them.
plan::Plan saved_plan(const desired::DesiredFlow& flow, const json& live)
{
  plan::Plan plan;
  plan.options = options();
  plan.flows.push_back(plan::plan_flow(flow, {"f1", live, {}}, options()));
  auto loaded = plan::from_document(plan::to_document(plan));
  REQUIRE(loaded.error.empty());
  return loaded.plan;
}

std::vector<std::string>
recheck(plan::Plan& plan, const desired::DesiredFlow& flow, const json& live)
{
  return apply::recheck_plan(plan, {flow}, {{"f1", live, {}}});
}

} // namespace

TEST_CASE("moved paths are found both ways, by display path")
{
  json before = {{"status", "draft"},
                 {"steps", {{{"order", 1}, {"stepType", "email"}}}}};
  json after = {{"name", "New"},
                {"steps", {{{"order", 1}, {"stepType", "phone"}}}}};
  CHECK(apply::moved_paths(before, after, {{"steps", "order"}}) ==
        std::vector<std::string>{"status", "steps[order=1].stepType", "name"});
}

TEST_CASE("secret markers compare by digest and are named by their path")
{
  auto marker = [](const char* value) {
    return plan::sensitive_marker(json(value));
  };
  json before = {{"configuration", {{"secret", marker("a")}}}};
  CHECK(apply::moved_paths(before, before, {}).empty());
  json after = {{"configuration", {{"secret", marker("b")}}}};
  CHECK(apply::moved_paths(before, after, {}) ==
        std::vector<std::string>{"configuration.secret"});
}

TEST_CASE("an untouched plan passes and gets its secrets back")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto& saved = plan.flows.front();
  REQUIRE(saved.action == plan::Action::update);
  REQUIRE(plan::is_sensitive_marker(
      saved.body["configuration"]["webhook"]["secret"]));

  CHECK(recheck(plan, flow, live_flow()).empty());
  CHECK(saved.body["configuration"]["webhook"]["secret"] == "new-secret");
  CHECK(saved.desired.value() == flow.fields);
}

TEST_CASE("a server-managed field touched since the plan is not a change")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto live = live_flow();
  live["updatedAt"] = "2024-06-01T00:00:00Z";
  CHECK(recheck(plan, flow, live).empty());
}

TEST_CASE("a live flow edited since the plan is stale, naming what moved")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto live = live_flow();
  live["status"] = "paused";
  live["configuration"]["phoneVerification"]["method"] = "whatsapp";
  auto problems = recheck(plan, flow, live);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() ==
        "plan is stale: f1 (flows/a.yaml): live flow changed since the plan: "
        "configuration.phoneVerification.method, status");
}

TEST_CASE("a live secret changed since the plan is named, never shown")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto live = live_flow();
  live["configuration"]["webhook"]["secret"] = "rotated-secret";
  auto problems = recheck(plan, flow, live);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() ==
        "plan is stale: f1 (flows/a.yaml): live flow changed since the plan: "
        "configuration.webhook.secret");
  CHECK(problems.front().find("rotated") == std::string::npos);
}

TEST_CASE("a flow file edited since the plan is stale")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto edited = flow;
  edited.file_digest = "sha256:file-2";
  edited.fields["status"] = "paused";
  edited.fields["name"] = "Renamed";
  auto problems = recheck(plan, edited, live_flow());
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() ==
        "plan is stale: f1 (flows/a.yaml): flow file changed since the plan: "
        "status, name");
}

TEST_CASE("a secret from the environment changed since the plan is stale")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto changed = flow;
  changed.fields["configuration"]["webhook"]["secret"] = "other-secret";
  auto problems = recheck(plan, changed, live_flow());
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() ==
        "plan is stale: f1 (flows/a.yaml): values from variables or the "
        "environment changed since the plan: configuration.webhook.secret");
  CHECK(plan.flows.front().body["configuration"]["webhook"]["secret"] !=
        "other-secret");
}

TEST_CASE("a flow no file declares any more is stale")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto problems =
      apply::recheck_plan(plan, {}, {{"f1", live_flow(), std::nullopt}});
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() == "plan is stale: f1 (flows/a.yaml): the file no "
                            "longer declares it");
}

TEST_CASE("both sides moving are both named")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto edited = flow;
  edited.file_digest = "sha256:file-2";
  edited.fields["status"] = "paused";
  auto live = live_flow();
  live["steps"][1]["stepType"] = "selfie";
  auto problems = recheck(plan, edited, live);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() ==
        "plan is stale: f1 (flows/a.yaml): flow file changed since the plan: "
        "status; live flow changed since the plan: steps[order=2].stepType");
}

TEST_CASE("a live flow that cannot be fetched stops the plan")
{
  auto flow = desired_flow();
  auto plan = saved_plan(flow, live_flow());
  auto problems =
      apply::recheck_plan(plan, {flow},
                          {{"f1", std::nullopt,
                            live::ApiError{404, "PROJECT_FLOW_NOT_FOUND",
                                           "Project flow not "
                                           "found"}}});
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() ==
        "cannot recheck f1 (flows/a.yaml) against the live API: HTTP 404 "
        "PROJECT_FLOW_NOT_FOUND: Project flow not found");
}

TEST_CASE("unchanged flows are rechecked too; failed ones are not")
{
  auto flow = desired_flow();
  flow.fields = {{"status", "draft"}};
  auto plan = saved_plan(flow, live_flow());
  REQUIRE(plan.flows.front().action == plan::Action::unchanged);
  plan::FlowPlan failed;
  failed.id = "gone";
  failed.action = plan::Action::failed;
  plan.flows.push_back(failed);

  CHECK(apply::ids_to_recheck(plan) == std::vector<std::string>{"f1"});
  auto live = live_flow();
  live["status"] = "active";
  CHECK(recheck(plan, flow, live).size() == 1);
}
