#include "apply/executor.hpp"
#include "apply/staleness.hpp"
#include "plan/plan_builder.hpp"
#include "plan/plan_document.hpp"
#include "support/sandbox_process.hpp"

#include <doctest/doctest.h>

#include <atomic>

using namespace flowctl;
using apply::Outcome;
using nlohmann::json;
using testing::SandboxProcess;

namespace {

const std::string k_token = "tok-apply-8d2e-never-in-logs";
const std::string k_onboarding = "project_flow_123456789";
const std::string k_login = "project_flow_223456789";
const std::string k_unknown = "project_flow_999999999";

SandboxProcess start_sandbox(std::vector<std::string> extra = {})
{
  std::vector<std::string> args{"--token", k_token, "--seed",
                                testing::example_seed_path()};
  args.insert(args.end(), extra.begin(), extra.end());
  return SandboxProcess(args);
}

live::VerifikClient make_client(const std::string& url,
                                const std::atomic<bool>* stop = nullptr)
{
  live::ClientOptions options;
  options.base_url = url;
  options.token = k_token;
  options.engine.requests_per_minute = 0;
  options.engine.stop = stop;
  return live::VerifikClient(options);
}

desired::DesiredFlow wanted(const std::string& id, json fields)
{
  desired::DesiredFlow flow;
  flow.id = id;
  flow.file = "flows/" + id + ".yaml";
  flow.file_digest = "sha256:" + id;
  flow.fields = std::move(fields);
  return flow;
}

// Onboarding goes from draft to active, login stays active, and the third
// flow does not exist.
std::vector<desired::DesiredFlow> desired_flows()
{
  return {wanted(k_onboarding, {{"status", "active"}}),
          wanted(k_login, {{"status", "active"}}),
          wanted(k_unknown, {{"status", "active"}})};
}

plan::Plan make_plan(live::VerifikClient& client)
{
  plan::Plan plan;
  plan.flows = plan::plan_flows(desired_flows(), client, plan.options);
  return plan;
}

json live_status(live::VerifikClient& client, const std::string& id)
{
  auto answer = client.get_flows({id}).front();
  REQUIRE(answer.flow);
  return answer.flow->at("status");
}

} // namespace

TEST_CASE("every flow of the plan gets one outcome, in plan order")
{
  auto sandbox = start_sandbox();
  auto client = make_client(sandbox.url());
  auto plan = make_plan(client);

  std::vector<std::string> reported;
  auto outcomes =
      apply::execute_plan(plan, client, [&](const apply::FlowOutcome& outcome) {
        reported.push_back(outcome.id);
      });

  REQUIRE(outcomes.size() == 3);
  CHECK(outcomes[0].outcome == Outcome::applied);
  CHECK(outcomes[0].http_status == 200);
  CHECK(outcomes[1].outcome == Outcome::unchanged);
  CHECK(outcomes[2].outcome == Outcome::failed);
  CHECK(outcomes[2].http_status == 404);
  CHECK(reported.size() == 3);
  CHECK(live_status(client, k_onboarding) == "active");

  // Applied once, the same files plan clean.
  auto again = make_plan(client);
  CHECK(plan::summarize(again).update == 0);
}

TEST_CASE("a stop requested before sending cancels every update")
{
  auto sandbox = start_sandbox();
  std::atomic<bool> stop{false};
  auto client = make_client(sandbox.url(), &stop);
  auto plan = make_plan(client);

  stop = true;
  auto outcomes = apply::execute_plan(plan, client);
  CHECK(outcomes[0].outcome == Outcome::cancelled);
  CHECK(outcomes[1].outcome == Outcome::unchanged);

  stop = false;
  CHECK(live_status(client, k_onboarding) == "draft");
}

TEST_CASE("a server that keeps the flow as it was fails the check")
{
  auto sandbox = start_sandbox({"--ignore-puts"});
  auto client = make_client(sandbox.url());
  auto outcomes = apply::execute_plan(make_plan(client), client);
  CHECK(outcomes[0].outcome == Outcome::failed);
  CHECK(outcomes[0].reason() == "did not converge: status");
  CHECK(outcomes[0].live_digest_after == outcomes[0].live_digest_before);
}

TEST_CASE("a saved plan rechecked against a live flow edited since is stale")
{
  auto sandbox = start_sandbox();
  auto client = make_client(sandbox.url());
  auto saved = plan::from_document(plan::to_document(make_plan(client)));
  REQUIRE(saved.error.empty());
  auto& plan = saved.plan;

  auto ids = apply::ids_to_recheck(plan);
  CHECK(ids == std::vector<std::string>{k_onboarding, k_login});
  CHECK(apply::recheck_plan(plan, desired_flows(), client.get_flows(ids))
            .empty());

  client.update_flows({{k_login, {{"status", "paused"}}}});
  auto problems =
      apply::recheck_plan(plan, desired_flows(), client.get_flows(ids));
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() == "plan is stale: " + k_login + " (flows/" + k_login +
                                ".yaml): live flow changed since the plan: "
                                "status");
}
