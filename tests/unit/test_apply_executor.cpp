#include "apply/executor.hpp"
#include "apply/secret_scrub.hpp"
#include "plan/plan.hpp"

#include <doctest/doctest.h>

using namespace flowctl;
using apply::Outcome;
using nlohmann::json;

namespace {

json live_flow()
{
  return {{"_id", "f1"},
          {"status", "draft"},
          {"version", 3},
          {"configuration",
           {{"phoneVerification", {{"method", "sms"}}},
            {"securityThresholds", {{"score", 7}}}}}};
}

plan::FlowPlan planned_update()
{
  plan::FlowPlan flow;
  flow.id = "f1";
  flow.file = "flows/a.yaml";
  flow.action = plan::Action::update;
  const json desired = {
      {"status", "active"},
      {"configuration", {{"phoneVerification", {{"method", "whatsapp"}}}}}};
  flow.desired.set(desired);
  flow.changes = diff::diff_flow(desired, live_flow(), {});
  flow.body = diff::build_put_body(desired, live_flow(), flow.changes, {});
  flow.live_digest = plan::live_digest(live_flow());
  return flow;
}

json converged()
{
  auto flow = live_flow();
  flow["status"] = "active";
  flow["configuration"] = {{"phoneVerification", {{"method", "whatsapp"}}}};
  flow["version"] = 4;
  return flow;
}

live::FlowResult answer(json flow)
{
  return {"f1", std::move(flow), {}};
}

live::FlowResult error(long status, std::string code, std::string message)
{
  return {"f1", std::nullopt,
          live::ApiError{status, std::move(code), std::move(message)}};
}

} // namespace

TEST_CASE("a 200 that matches the desired fields is applied")
{
  auto flow = planned_update();
  auto outcome = apply::settle_update(flow, answer(converged()), {});
  CHECK(outcome.outcome == Outcome::applied);
  CHECK(outcome.http_status == 200);
  CHECK(outcome.live_digest_before == plan::live_digest(live_flow()));
  CHECK(outcome.live_digest_after == plan::live_digest(converged()));
  CHECK(outcome.changed_paths ==
        std::vector<std::string>{"configuration.phoneVerification.method",
                                 "configuration.securityThresholds", "status"});
  CHECK_FALSE(outcome.error);
}

TEST_CASE("a 200 whose flow still differs did not converge")
{
  auto flow = planned_update();
  auto returned = converged();
  returned["status"] = "draft";
  returned["configuration"]["phoneVerification"]["method"] = "sms";
  auto outcome = apply::settle_update(flow, answer(returned), {});
  CHECK(outcome.outcome == Outcome::failed);
  REQUIRE(outcome.error);
  CHECK(outcome.error->code == apply::k_not_converged_code);
  CHECK(outcome.reason() ==
        "did not converge: configuration.phoneVerification.method, status");
  CHECK(outcome.live_digest_after == plan::live_digest(returned));
}

TEST_CASE("ignored paths in the returned flow do not count against it")
{
  auto flow = planned_update();
  auto returned = converged();
  returned["configuration"]["securityThresholds"] = {{"score", 9}};
  diff::DiffOptions options;
  options.ignore = {"/configuration/securityThresholds"};
  CHECK(apply::settle_update(flow, answer(returned), options).outcome ==
        Outcome::applied);
  CHECK(apply::settle_update(flow, answer(returned), {}).outcome ==
        Outcome::failed);
}

TEST_CASE("a server error fails the flow with the server's words")
{
  auto flow = planned_update();
  auto outcome = apply::settle_update(
      flow, error(400, "INVALID_CONFIGURATION", "Invalid configuration"), {});
  CHECK(outcome.outcome == Outcome::failed);
  CHECK(outcome.http_status == 400);
  CHECK(outcome.reason() ==
        "HTTP 400 INVALID_CONFIGURATION: Invalid configuration");
  CHECK(outcome.live_digest_after.empty());
}

TEST_CASE("a request stopped before it was sent is cancelled, not failed")
{
  auto never_sent = error(0, "CANCELLED", "stopped");
  never_sent.error->attempts = 0;
  auto outcome = apply::settle_update(planned_update(), never_sent, {});
  CHECK(outcome.outcome == Outcome::cancelled);
  CHECK_FALSE(outcome.error);
  CHECK(outcome.http_status == 0);
}

TEST_CASE("a request stopped while waiting to retry keeps the last answer")
{
  auto outcome = apply::settle_update(
      planned_update(),
      error(503, "CANCELLED", "sent, answered HTTP 503, and not retried"), {});
  CHECK(outcome.outcome == Outcome::cancelled);
  CHECK(outcome.http_status == 503);
  REQUIRE(outcome.error);
  CHECK(outcome.error->message == "sent, answered HTTP 503, and not retried");
}

TEST_CASE("a secret the server echoes is hidden in the outcome")
{
  auto flow = planned_update();
  auto desired = flow.desired.value();
  desired["configuration"]["webhook"] = {{"secret", "hunter2-secret"}};
  flow.desired.set(desired);
  flow.sensitive = {"/configuration/webhook/secret"};
  auto outcome = apply::settle_update(
      flow, error(422, "BAD", "secret hunter2-secret is too weak"), {});
  CHECK(outcome.error->message == "secret (sensitive) is too weak");
}

TEST_CASE("flows that are not sent keep their plan's verdict")
{
  plan::FlowPlan unchanged;
  unchanged.id = "u";
  unchanged.action = plan::Action::unchanged;
  plan::FlowPlan failed;
  failed.id = "x";
  failed.action = plan::Action::failed;
  failed.error = plan::FlowError{404, "PROJECT_FLOW_NOT_FOUND", "not found"};

  CHECK(apply::unsent_outcome(unchanged, false).outcome == Outcome::unchanged);
  auto outcome = apply::unsent_outcome(failed, false);
  CHECK(outcome.outcome == Outcome::failed);
  CHECK(outcome.http_status == 404);
  CHECK(outcome.reason() == "HTTP 404 PROJECT_FLOW_NOT_FOUND: not found");
}

TEST_CASE("cancelling a plan cancels its updates and its unfinished reads")
{
  plan::Plan plan;
  plan.flows.push_back(planned_update());
  plan::FlowPlan unchanged;
  unchanged.id = "u";
  unchanged.action = plan::Action::unchanged;
  plan.flows.push_back(unchanged);

  plan::FlowPlan unread;
  unread.id = "r";
  unread.action = plan::Action::failed;
  unread.error = plan::FlowError{0, "CANCELLED", "stopped"};
  plan.flows.push_back(unread);
  plan::FlowPlan missing;
  missing.id = "m";
  missing.action = plan::Action::failed;
  missing.error = plan::FlowError{404, "PROJECT_FLOW_NOT_FOUND", "gone"};
  plan.flows.push_back(missing);

  auto outcomes = apply::cancel_plan(plan);
  REQUIRE(outcomes.size() == 4);
  CHECK(outcomes[0].outcome == Outcome::cancelled);
  CHECK(outcomes[1].outcome == Outcome::unchanged);
  // A read cut short by the stop request is cancelled, not failed.
  CHECK(outcomes[2].outcome == Outcome::cancelled);
  CHECK(outcomes[3].outcome == Outcome::failed);
}

TEST_CASE("secret strings come from the sensitive paths only")
{
  plan::FlowPlan flow;
  flow.desired.set({{"name", "public-name"},
                    {"configuration",
                     {{"webhook", {{"secret", "s3cr3t-value"}, {"pin", "42"}}},
                      {"key", "api-key-value"}}}});
  flow.sensitive = {"/configuration/webhook", "/configuration/key"};
  CHECK(apply::secret_strings(flow) ==
        std::vector<std::string>{"api-key-value", "s3cr3t-value"});
  CHECK(apply::scrub_secrets("public-name s3cr3t-value api-key-value", flow) ==
        "public-name (sensitive) (sensitive)");
}
