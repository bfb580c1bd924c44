#include "diff/element_match.hpp"

#include "diff/canonical.hpp"
#include "diff/display_path.hpp"
#include "diff/json_path.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace flowctl::diff {

namespace {

using nlohmann::json;

// The key's value of each element as canonical text, or nullopt when some
// element cannot be paired by key.
std::optional<std::vector<std::string>> key_texts(const json& array,
                                                  const std::string& key)
{
  std::vector<std::string> texts;
  std::set<std::string> seen;
  for (const json& item : array) {
    const json* value = member(&item, key);
    if (!value ||
        !(value->is_string() || value->is_number() || value->is_boolean())) {
      return std::nullopt;
    }
    std::string text = canonical_dump(*value);
    if (!seen.insert(text).second) {
      return std::nullopt;
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

std::vector<ElementMatch> match_by_index(const json& desired, const json& live)
{
  std::vector<ElementMatch> matches;
  const std::size_t count = std::max(desired.size(), live.size());
  for (std::size_t i = 0; i < count; ++i) {
    ElementMatch match;
    if (i < desired.size()) {
      match.desired = i;
    }
    if (i < live.size()) {
      match.live = i;
    }
    match.label = std::to_string(i);
    matches.push_back(std::move(match));
  }
  return matches;
}

std::string key_label(const std::string& key, const json& item)
{
  return key + "=" + key_value_label(item.at(key));
}

std::vector<ElementMatch> match_by_key(const json& desired, const json& live,
                                       const std::string& key,
                                       const std::vector<std::string>& wanted,
                                       const std::vector<std::string>& found)
{
  std::map<std::string, std::size_t> live_index;
  for (std::size_t i = 0; i < found.size(); ++i) {
    live_index.emplace(found[i], i);
  }

  std::vector<ElementMatch> matches;
  std::set<std::size_t> paired;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    ElementMatch match{i, std::nullopt, key_label(key, desired[i])};
    const auto it = live_index.find(wanted[i]);
    if (it != live_index.end()) {
      match.live = it->second;
      paired.insert(it->second);
    }
    matches.push_back(std::move(match));
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (paired.count(i) == 0) {
      matches.push_back({std::nullopt, i, key_label(key, live[i])});
    }
  }
  return matches;
}

} // namespace

std::optional<std::string> list_key_for(const DiffOptions& options,
                                        const std::string& pointer)
{
  for (const auto& [array, key] : options.list_keys) {
    const bool named = array.empty() || array[0] != '/';
    if (named ? pointer == pointer_append("", array)
              : pattern_matches(array, pointer)) {
      return key;
    }
  }
  return std::nullopt;
}

std::vector<ElementMatch> match_elements(const json& desired, const json& live,
                                         const std::optional<std::string>& key)
{
  if (key) {
    const auto wanted = key_texts(desired, *key);
    const auto found = key_texts(live, *key);
    if (wanted && found) {
      return match_by_key(desired, live, *key, *wanted, *found);
    }
  }
  return match_by_index(desired, live);
}

const json* member(const json* object, const std::string& key)
{
  if (!object || !object->is_object()) {
    return nullptr;
  }
  const auto it = object->find(key);
  if (it == object->end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

const json* element(const json& array, std::optional<std::size_t> index)
{
  if (!index || *index >= array.size()) {
    return nullptr;
  }
  return &array[*index];
}

} // namespace flowctl::diff
