#include "apply/staleness.hpp"

#include "diff/canonical.hpp"
#include "diff/display_path.hpp"
#include "plan/plan_document.hpp"

#include <unordered_map>

namespace flowctl::apply {

namespace {

using nlohmann::json;

// Past this many paths a reason names the count of the rest.
constexpr std::size_t k_max_paths_named = 10;

std::string join(const std::vector<std::string>& paths)
{
  std::string text;
  for (std::size_t i = 0; i < paths.size() && i < k_max_paths_named; ++i) {
    text += i == 0 ? paths[i] : ", " + paths[i];
  }
  if (paths.size() > k_max_paths_named) {
    text +=
        " and " + std::to_string(paths.size() - k_max_paths_named) + " more";
  }
  return text;
}

std::string with_paths(const std::string& reason,
                       const std::vector<std::string>& paths)
{
  return paths.empty() ? reason : reason + ": " + join(paths);
}

// A marker {"$sensitive": DIGEST} becomes the digest itself, so a moved
// secret is named by its own path rather than a path into the marker.
json markers_to_digests(const json& value)
{
  if (plan::is_sensitive_marker(value)) {
    return value.at(plan::k_sensitive_key);
  }
  if (!value.is_structured()) {
    return value;
  }
  json out = value;
  for (auto& item : out.items()) {
    item.value() = markers_to_digests(item.value());
  }
  return out;
}

// The fields as a plan document stores them.
json as_saved(const json& fields, const std::vector<std::string>& sensitive)
{
  return diff::redact(fields, "", sensitive, plan::sensitive_marker);
}

diff::DiffOptions flow_options(const plan::FlowPlan& saved,
                               const diff::DiffOptions& options)
{
  auto result = options;
  result.sensitive = saved.sensitive;
  return result;
}

// The body a plan made now would send, to compare with the saved one and
// to take the real sensitive values from.
json body_now(const json& current_fields, const json& live,
              const diff::DiffOptions& options)
{
  auto changes = diff::diff_flow(current_fields, live, options);
  if (changes.empty()) {
    return json::object();
  }
  return diff::build_put_body(current_fields, live, changes, options);
}

void check_desired(const plan::FlowPlan& saved,
                   const desired::DesiredFlow& current,
                   const diff::DiffOptions& options,
                   std::vector<std::string>& reasons)
{
  auto paths =
      moved_paths(saved.desired.value(),
                  as_saved(current.fields, saved.sensitive), options.list_keys);
  if (current.file_digest != saved.file_digest) {
    reasons.push_back(with_paths("flow file changed since the plan", paths));
  } else if (!paths.empty()) {
    // The file is the same, so a variable or the environment moved.
    reasons.push_back(
        with_paths("values from variables or the environment changed "
                   "since the plan",
                   paths));
  }
}

void check_live(const plan::FlowPlan& saved, const json& live,
                const diff::DiffOptions& options,
                std::vector<std::string>& reasons)
{
  if (plan::live_digest(live) == saved.live_digest) {
    return;
  }
  auto paths =
      moved_paths(saved.live.value(),
                  as_saved(plan::updatable_fields(live), saved.sensitive),
                  options.list_keys);
  reasons.push_back(with_paths("live flow changed since the plan", paths));
}

// Puts the real values back into the saved body; a value whose digest no
// longer matches, or a body that would now differ, is a reason to refuse.
void restore_body(plan::FlowPlan& saved, const json& current_fields,
                  const json& live, const diff::DiffOptions& options,
                  std::vector<std::string>& reasons)
{
  auto now = body_now(current_fields, live, options);
  bool same = diff::canonical_dump(as_saved(now, saved.sensitive)) ==
              diff::canonical_dump(saved.body);
  auto mismatched = plan::restore_sensitive(saved.body, now);
  if (!mismatched.empty()) {
    reasons.push_back(
        with_paths("a sensitive value changed since the plan", mismatched));
  } else if (!same) {
    reasons.push_back("the change to send is no longer the planned one");
  }
}

} // namespace

std::string StaleFlow::describe() const
{
  std::string text = id + " (" + file + "): ";
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    text += i == 0 ? reasons[i] : "; " + reasons[i];
  }
  return text;
}

std::vector<std::string>
moved_paths(const json& before, const json& after,
            const std::map<std::string, std::string>& list_keys)
{
  diff::DiffOptions options;
  options.list_keys = list_keys;
  auto old_fields = markers_to_digests(before);
  auto new_fields = markers_to_digests(after);

  std::vector<std::string> paths;
  for (const auto& change : diff::diff_flow(old_fields, new_fields, options)) {
    paths.push_back(change.path);
  }
  if (new_fields.is_object()) {
    for (const auto& item : new_fields.items()) {
      if (!old_fields.is_object() || !old_fields.contains(item.key())) {
        paths.push_back(diff::display_member("", item.key()));
      }
    }
  }
  return paths;
}

std::optional<StaleFlow> recheck_flow(plan::FlowPlan& saved,
                                      const desired::DesiredFlow* current,
                                      const json& live,
                                      const diff::DiffOptions& options)
{
  StaleFlow stale{saved.id, saved.file, {}};
  if (current == nullptr) {
    stale.reasons.push_back("the file no longer declares it");
    return stale;
  }

  auto flow_opts = flow_options(saved, options);
  check_desired(saved, *current, flow_opts, stale.reasons);
  check_live(saved, live, flow_opts, stale.reasons);
  if (stale.reasons.empty() && saved.action == plan::Action::update) {
    restore_body(saved, current->fields, live, flow_opts, stale.reasons);
  }
  if (!stale.reasons.empty()) {
    return stale;
  }
  saved.desired.set(current->fields);
  return std::nullopt;
}

std::vector<std::string> ids_to_recheck(const plan::Plan& plan)
{
  std::vector<std::string> ids;
  for (const auto& flow : plan.flows) {
    if (flow.action != plan::Action::failed) {
      ids.push_back(flow.id);
    }
  }
  return ids;
}

std::vector<std::string>
recheck_plan(plan::Plan& plan, const std::vector<desired::DesiredFlow>& current,
             const std::vector<live::FlowResult>& live)
{
  std::unordered_map<std::string, const desired::DesiredFlow*> by_id;
  for (const auto& flow : current) {
    by_id.emplace(flow.id, &flow);
  }
  std::unordered_map<std::string, const live::FlowResult*> live_by_id;
  for (const auto& result : live) {
    live_by_id.emplace(result.id, &result);
  }

  std::vector<std::string> problems;
  for (auto& flow : plan.flows) {
    if (flow.action == plan::Action::failed) {
      continue;
    }
    auto found = live_by_id.find(flow.id);
    if (found == live_by_id.end() || !found->second->flow) {
      auto why = found == live_by_id.end() || !found->second->error
                     ? std::string("no answer")
                     : found->second->error->describe();
      problems.push_back("cannot recheck " + flow.id + " (" + flow.file +
                         ") against the live API: " + why);
      continue;
    }
    auto file = by_id.find(flow.id);
    auto stale =
        recheck_flow(flow, file == by_id.end() ? nullptr : file->second,
                     *found->second->flow, plan.options);
    if (stale) {
      problems.push_back("plan is stale: " + stale->describe());
    }
  }
  return problems;
}

} // namespace flowctl::apply
