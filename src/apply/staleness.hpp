#pragma once

#include "desired/flow_loader.hpp"
#include "live/responses.hpp"
#include "plan/plan.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowctl::apply {

// Why one flow of a saved plan can no longer be applied as reviewed.
struct StaleFlow {
  std::string id;
  std::string file;
  std::vector<std::string> reasons;

  // "project_flow_1 (flows/a.yaml): live flow changed since the plan:
  // status, configuration.phoneVerification.method"
  std::string describe() const;
};

// Display paths where two sets of updatable fields differ, both ways: a
// field only one side has counts. Sensitive markers compare by digest.
std::vector<std::string>
moved_paths(const nlohmann::json& before, const nlohmann::json& after,
            const std::map<std::string, std::string>& list_keys);

// Checks one flow of a saved plan against its flow file as it reads now
// (nullptr when no file declares it any more) and its live flow as fetched
// now. When nothing moved, the real sensitive values go back into the
// saved body, the saved desired fields become the current ones, and the
// result is nullopt.
std::optional<StaleFlow> recheck_flow(plan::FlowPlan& saved,
                                      const desired::DesiredFlow* current,
                                      const nlohmann::json& live,
                                      const diff::DiffOptions& options);

// Rechecks every flow of the plan that was planned without error. `live`
// holds what the API answered for those flows. Returns one line per flow
// that cannot be applied as saved; empty means the whole plan can go out.
std::vector<std::string>
recheck_plan(plan::Plan& plan, const std::vector<desired::DesiredFlow>& current,
             const std::vector<live::FlowResult>& live);

// The ids of the flows recheck_plan needs from the API, in plan order.
std::vector<std::string> ids_to_recheck(const plan::Plan& plan);

} // namespace flowctl::apply
