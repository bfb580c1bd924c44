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
                   const diff::DiffOptions& options, Keep keep)
{
  FlowPlan result;
  result.id = flow.id;
  result.file = flow.file;
  result.line = flow.mark.line;
  result.file_digest = flow.file_digest;
  result.sensitive = sensitive_patterns(flow, options);
  if (keep == Keep::state) {
    result.desired.set(flow.fields);
  }

  if (live.error || !live.flow) {
    result.action = Action::failed;
    result.error = live.error ? to_flow_error(*live.error)
                              : FlowError{0, "", "no flow in the answer"};
    return result;
  }

  auto flow_options = options;
  flow_options.sensitive = result.sensitive;
  if (keep == Keep::state) {
    const auto fields = updatable_fields(*live.flow);
    result.live.set(fields);
    result.live_digest = content_digest(fields);
  }
  result.changes = diff::diff_flow(flow.fields, *live.flow, flow_options);
  result.action = result.changes.empty() ? Action::unchanged : Action::update;
  if (result.action == Action::update) {
    result.body = diff::build_put_body(flow.fields, *live.flow, result.changes,
                                       flow_options);
  }
  return result;
}

std::vector<FlowPlan> plan_flows(std::vector<desired::DesiredFlow> flows,
                                 live::VerifikClient& client,
                                 const diff::DiffOptions& options,
                                 const Progress& progress, Keep keep)
{
  std::vector<std::string> ids;
  ids.reserve(flows.size());
  for (const auto& flow : flows) {
    ids.push_back(flow.id);
  }

  // Each flow is planned as its answer arrives and the answer let go, so
  // the diffing overlaps the waiting and live flows are never all held.
  std::vector<FlowPlan> plans(flows.size());
  std::size_t done = 0;
  client.fetch_flows(ids, [&](std::size_t i, live::FlowResult& answer) {
    {
      const auto flow = std::move(flows[i]);
      plans[i] = plan_flow(flow, answer, options, keep);
    }
    answer = live::FlowResult{};
    if (progress) {
      progress(++done, flows.size());
    }
  });
  return plans;
}

} // namespace flowctl::plan
