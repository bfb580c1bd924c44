#pragma once

#include "desired/flow_loader.hpp"
#include "live/verifik_client.hpp"
#include "plan/plan.hpp"

#include <functional>

namespace flowctl::plan {

using Progress = std::function<void(std::size_t done, std::size_t total)>;

// Compares one desired flow with what the API answered for it.
FlowPlan plan_flow(const desired::DesiredFlow& flow,
                   const live::FlowResult& live,
                   const diff::DiffOptions& options);

// Fetches every desired flow concurrently and plans each one; a flow the API
// cannot give becomes a failed row and the others still plan.
std::vector<FlowPlan> plan_flows(std::vector<desired::DesiredFlow> flows,
                                 live::VerifikClient& client,
                                 const diff::DiffOptions& options,
                                 const Progress& progress = {});

// The patterns that hide one flow's values: the configured ones and every
// value the flow file took from the environment.
std::vector<std::string> sensitive_patterns(const desired::DesiredFlow& flow,
                                            const diff::DiffOptions& options);

FlowError to_flow_error(const live::ApiError& error);

} // namespace flowctl::plan
