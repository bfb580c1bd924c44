#pragma once

#include "desired/flow_loader.hpp"
#include "live/verifik_client.hpp"
#include "plan/plan.hpp"

#include <functional>

namespace flowctl::plan {

using Progress = std::function<void(std::size_t done, std::size_t total)>;

// What a plan holds of each flow besides its changes and PUT body.
enum class Keep {
  // Also the desired and live fields and the live digest: what a saved or
  // JSON plan shows and what apply checks. Packing and hashing them is
  // most of the work of planning a flow once its answer is parsed.
  state,
  // Only what the text and markdown renderings show.
  changes,
};

// Compares one desired flow with what the API answered for it.
FlowPlan plan_flow(const desired::DesiredFlow& flow,
                   const live::FlowResult& live,
                   const diff::DiffOptions& options, Keep keep = Keep::state);

// Fetches every desired flow concurrently and plans each one; a flow the API
// cannot give becomes a failed row and the others still plan.
std::vector<FlowPlan> plan_flows(std::vector<desired::DesiredFlow> flows,
                                 live::VerifikClient& client,
                                 const diff::DiffOptions& options,
                                 const Progress& progress = {},
                                 Keep keep = Keep::state);

// The patterns that hide one flow's values: the configured ones and every
// value the flow file took from the environment.
std::vector<std::string> sensitive_patterns(const desired::DesiredFlow& flow,
                                            const diff::DiffOptions& options);

FlowError to_flow_error(const live::ApiError& error);

} // namespace flowctl::plan
