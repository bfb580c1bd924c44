#include "plan/plan_builder.hpp"

#include <algorithm>

namespace flowctl::plan {

std::vector<std::string> sensitive_patterns(const desired::DesiredFlow& flow,
                                            const diff::DiffOptions& options)
{
  auto patterns = options.sensitive;
  patterns.insert(patterns.end(), flow.sensitive_pointers.begin(),
                  flow.sensitive_pointers.end());
  std::sort(patterns.begin(), patterns.end());
  patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
  return patterns;
}

FlowError to_flow_error(const live::ApiError& error)
{
  return FlowError{error.status, error.code, error.message};
}

FlowPlan plan_flow(const desired::DesiredFlow& flow,
                   const live::FlowResult& live,
                   const diff::DiffOptions& options)
{
  FlowPlan result;
  result.id = flow.id;
  result.file = flow.file;
  result.line = flow.mark.line;
  result.desired = flow.fields;
  result.file_digest = flow.file_digest;
  result.sensitive = sensitive_patterns(flow, options);

  if (live.error || !live.flow) {
    result.action = Action::failed;
    result.error = live.error ? to_flow_error(*live.error)
                              : FlowError{0, "", "no flow in the answer"};
    return result;
  }

  auto flow_options = options;
  flow_options.sensitive = result.sensitive;
  result.live = updatable_fields(*live.flow);
  result.live_digest = live_digest(*live.flow);
  result.changes = diff::diff_flow(flow.fields, *live.flow, flow_options);
  if (result.changes.empty()) {
    result.action = Action::unchanged;
    return result;
  }
  result.action = Action::update;
  result.body = diff::build_put_body(flow.fields, *live.flow, result.changes,
                                     flow_options);
  return result;
}

std::vector<FlowPlan> plan_flows(const std::vector<desired::DesiredFlow>& flows,
                                 live::VerifikClient& client,
                                 const diff::DiffOptions& options,
                                 const Progress& progress)
{
  std::vector<std::string> ids;
  ids.reserve(flows.size());
  for (const auto& flow : flows) {
    ids.push_back(flow.id);
  }

  auto answers = client.get_flows(ids, progress);

  std::vector<FlowPlan> plans;
  plans.reserve(flows.size());
  for (std::size_t i = 0; i < flows.size(); ++i) {
    plans.push_back(plan_flow(flows[i], answers[i], options));
  }
  return plans;
}

} // namespace flowctl::plan
