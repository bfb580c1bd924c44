#include "apply/executor.hpp"

#include "apply/secret_scrub.hpp"
#include "plan/plan_builder.hpp"

#include <string>
#include <utility>

namespace flowctl::apply {

namespace {

// The engine marks requests it never finished because of a stop request
// with this code.
constexpr std::string_view k_cancelled_code = "CANCELLED";

FlowOutcome base_outcome(const plan::FlowPlan& flow)
{
  FlowOutcome outcome;
  outcome.id = flow.id;
  outcome.file = flow.file;
  outcome.live_digest_before = flow.live_digest;
  for (const auto& change : flow.changes) {
    outcome.changed_paths.push_back(change.path);
  }
  return outcome;
}

std::string join_paths(const std::vector<diff::Change>& changes)
{
  std::string text;
  for (const auto& change : changes) {
    text += text.empty() ? change.path : ", " + change.path;
  }
  return text;
}

void fail_with(FlowOutcome& outcome, const plan::FlowPlan& flow,
               plan::FlowError error)
{
  outcome.outcome = Outcome::failed;
  outcome.http_status = error.status;
  // A server may echo what it was sent; a secret must not reach the summary
  // or the audit log that way.
  error.message = scrub_secrets(error.message, flow);
  error.code = scrub_secrets(error.code, flow);
  outcome.error = std::move(error);
}

} // namespace

FlowOutcome unsent_outcome(const plan::FlowPlan& flow, bool cancel_updates)
{
  auto outcome = base_outcome(flow);
  switch (flow.action) {
  case plan::Action::unchanged:
    outcome.outcome = Outcome::unchanged;
    break;
  case plan::Action::failed:
    // A read the stop request cut short is no failure of the flow.
    if (cancel_updates && flow.error && flow.error->code == k_cancelled_code) {
      outcome.outcome = Outcome::cancelled;
      break;
    }
    fail_with(outcome, flow,
              flow.error.value_or(plan::FlowError{0, "", "could not plan"}));
    break;
  case plan::Action::update:
    outcome.outcome = cancel_updates ? Outcome::cancelled : Outcome::unchanged;
    break;
  }
  return outcome;
}

FlowOutcome settle_update(const plan::FlowPlan& flow,
                          const live::FlowResult& answer,
                          const diff::DiffOptions& options)
{
  auto outcome = base_outcome(flow);
  if (answer.error && answer.error->code == k_cancelled_code) {
    outcome.outcome = Outcome::cancelled;
    // Sent before the stop: what the server last said is on record.
    if (answer.error->attempts > 0) {
      outcome.http_status = answer.error->status;
      outcome.error = plan::to_flow_error(*answer.error);
    }
    return outcome;
  }
  if (answer.error || !answer.flow) {
    auto error = answer.error ? plan::to_flow_error(*answer.error)
                              : plan::FlowError{0, "", "no flow returned"};
    fail_with(outcome, flow, std::move(error));
    return outcome;
  }

  outcome.http_status = 200;
  outcome.live_digest_after = plan::live_digest(*answer.flow);
  auto flow_options = options;
  flow_options.sensitive = flow.sensitive;
  auto left = diff::diff_flow(flow.desired.value(), *answer.flow, flow_options);
  if (!left.empty()) {
    fail_with(outcome, flow,
              plan::FlowError{200, k_not_converged_code,
                              "did not converge: " + join_paths(left)});
    return outcome;
  }
  outcome.outcome = Outcome::applied;
  return outcome;
}

std::vector<FlowOutcome> execute_plan(const plan::Plan& plan,
                                      live::VerifikClient& client,
                                      const OutcomeCallback& on_outcome)
{
  std::vector<FlowOutcome> outcomes(plan.flows.size());
  std::vector<std::size_t> sent; // update slot -> index in plan.flows
  std::vector<std::pair<std::string, nlohmann::json>> updates;

  for (std::size_t i = 0; i < plan.flows.size(); ++i) {
    const auto& flow = plan.flows[i];
    if (flow.action == plan::Action::update) {
      sent.push_back(i);
      updates.emplace_back(flow.id, flow.body);
      continue;
    }
    outcomes[i] = unsent_outcome(flow, false);
    if (on_outcome) {
      on_outcome(outcomes[i]);
    }
  }

  client.update_flows(
      updates, [&](std::size_t slot, const live::FlowResult& answer) {
        const auto i = sent[slot];
        outcomes[i] = settle_update(plan.flows[i], answer, plan.options);
        if (on_outcome) {
          on_outcome(outcomes[i]);
        }
      });
  return outcomes;
}

std::vector<FlowOutcome> cancel_plan(const plan::Plan& plan)
{
  std::vector<FlowOutcome> outcomes;
  outcomes.reserve(plan.flows.size());
  for (const auto& flow : plan.flows) {
    outcomes.push_back(unsent_outcome(flow, true));
  }
  return outcomes;
}

} // namespace flowctl::apply
