#include "diff/ignore_overlay.hpp"

#include "diff/element_match.hpp"
#include "diff/json_path.hpp"

#include <set>

namespace flowctl::diff {

namespace {

using nlohmann::json;

std::optional<json> copy_of(const json* value)
{
  if (!value) {
    return std::nullopt;
  }
  return *value;
}

std::set<std::string> keys_of(const json* desired, const json* live)
{
  std::set<std::string> keys;
  for (const json* object : {desired, live}) {
    if (object && object->is_object()) {
      for (const auto& item : object->items()) {
        keys.insert(item.key());
      }
    }
  }
  return keys;
}

// Only members with an ignored path at or under them can differ from
// desired; the rest stay exactly as written, nulls included. When desired
// lacks the object, what remains are the ignored parts of live.
std::optional<json> overlay_object(const json* desired, const json* live,
                                   const std::string& pointer,
                                   const DiffOptions& options)
{
  json result = desired ? *desired : json::object();
  for (const std::string& key : keys_of(desired, live)) {
    const std::string child = pointer_append(pointer, key);
    if (!any_pattern_within(options.ignore, child)) {
      continue;
    }
    auto value = overlay_ignored(member(desired, key), member(live, key), child,
                                 options);
    if (value) {
      result[key] = std::move(*value);
    } else {
      result.erase(key);
    }
  }

  if (!desired && result.empty()) {
    return std::nullopt;
  }
  return result;
}

// Elements pair as the diff pairs them. A live element the file does not
// have comes back only when a pattern covers it whole: ignoring a path
// inside it does not bring the rest back.
json overlay_array(const json& desired, const json& live,
                   const std::string& pointer, const DiffOptions& options)
{
  json result = json::array();
  const auto matches =
      match_elements(desired, live, list_key_for(options, pointer));
  for (const ElementMatch& match : matches) {
    if (match.desired) {
      const auto child =
          pointer_append(pointer, std::to_string(*match.desired));
      auto value = overlay_ignored(&desired[*match.desired],
                                   element(live, match.live), child, options);
      if (value) {
        result.push_back(std::move(*value));
      }
      continue;
    }
    const auto child = pointer_append(pointer, std::to_string(*match.live));
    if (any_pattern_covers(options.ignore, child)) {
      result.push_back(live[*match.live]);
    }
  }
  return result;
}

} // namespace

std::optional<json> overlay_ignored(const json* desired, const json* live,
                                    const std::string& pointer,
                                    const DiffOptions& options)
{
  if (any_pattern_covers(options.ignore, pointer)) {
    return copy_of(live);
  }
  if (!any_pattern_within(options.ignore, pointer)) {
    return copy_of(desired);
  }

  const bool desired_object = desired && desired->is_object();
  const bool live_object = live && live->is_object();
  if (desired_object || (!desired && live_object)) {
    return overlay_object(desired, live, pointer, options);
  }
  if (desired && desired->is_array()) {
    const json no_elements = json::array();
    const bool live_array = live && live->is_array();
    return overlay_array(*desired, live_array ? *live : no_elements, pointer,
                         options);
  }
  return copy_of(desired);
}

} // namespace flowctl::diff
