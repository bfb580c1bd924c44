#pragma once

#include "apply/outcome.hpp"
#include "live/responses.hpp"
#include "live/verifik_client.hpp"
#include "plan/plan.hpp"

#include <functional>
#include <vector>

namespace flowctl::apply {

using OutcomeCallback = std::function<void(const FlowOutcome&)>;

// The outcome of a flow the run does not send: unchanged, failed to plan,
// or (when `cancel_updates`) an update that will not go out.
FlowOutcome unsent_outcome(const plan::FlowPlan& flow, bool cancel_updates);

// Judges one PUT answer. A 200 whose returned flow still differs from the
// desired fields means the server ignored or altered something: the flow
// failed to converge.
FlowOutcome settle_update(const plan::FlowPlan& flow,
                          const live::FlowResult& answer,
                          const diff::DiffOptions& options);

// Sends the body of every flow whose action is update, all through one
// update_flows call, and reports every flow of the plan, in plan order.
// on_outcome is called as each flow's outcome is known, so a caller can
// record it before the rest finish.
std::vector<FlowOutcome> execute_plan(const plan::Plan& plan,
                                      live::VerifikClient& client,
                                      const OutcomeCallback& on_outcome = {});

// Every flow of the plan as it stands when nothing is sent: updates are
// cancelled.
std::vector<FlowOutcome> cancel_plan(const plan::Plan& plan);

} // namespace flowctl::apply
