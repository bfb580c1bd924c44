#include "desired/flow_rules.hpp"

#include "diff/canonical.hpp"
#include "diff/display_path.hpp"
#include "diff/json_path.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace flowctl::desired {
namespace {

using nlohmann::json;

struct VerificationStep {
  std::string_view step_type;
  std::string_view section;
};

constexpr std::array<VerificationStep, 3> k_verification_steps{{
    {"email", "emailVerification"},
    {"phone", "phoneVerification"},
    {"biometric", "biometricVerification"},
}};

// "line 10" when `other` is in the same file as `here`, else "file:10".
std::string line_reference(const std::map<std::string, SourceMark>& marks,
                           const std::string& here, const std::string& other)
{
  const auto mine = marks.find(here);
  const auto theirs = marks.find(other);
  if (theirs == marks.end()) {
    return "elsewhere";
  }
  const auto line = std::to_string(theirs->second.line);
  if (mine != marks.end() && mine->second.file == theirs->second.file) {
    return "line " + line;
  }
  return theirs->second.file + ":" + line;
}

// The array a list_keys entry names, with its pointer and display path.
struct NamedArray {
  const json* array = nullptr;
  std::string pointer;
  std::string path;
};

NamedArray find_array(const json& document, const std::string& name)
{
  NamedArray found;
  found.pointer = name.starts_with("/") ? name : diff::pointer_append("", name);
  const json* value = &document;
  for (const auto& token : diff::pointer_tokens(found.pointer)) {
    if (value->is_object() && value->contains(token)) {
      value = &(*value)[token];
      found.path = diff::display_member(found.path, token);
    } else if (value->is_array() && !token.empty() &&
               token.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(token) < value->size()) {
      value = &(*value)[std::stoul(token)];
      found.path = diff::display_element(found.path, token);
    } else {
      return {};
    }
  }
  if (value->is_array()) {
    found.array = value;
  }
  return found;
}

// What the rules need besides the document.
struct RuleContext {
  const std::map<std::string, SourceMark>& marks;
  const std::vector<std::string>& hidden;
};

void check_unique_keys(const NamedArray& named, const std::string& key,
                       const RuleContext& context,
                       std::vector<ValueError>& errors)
{
  std::map<std::string, std::string> first_pointer; // canonical -> pointer
  for (std::size_t i = 0; i < named.array->size(); ++i) {
    const json& element = (*named.array)[i];
    if (!element.is_object() || !element.contains(key)) {
      continue;
    }
    const auto index = std::to_string(i);
    const auto pointer =
        diff::pointer_append(diff::pointer_append(named.pointer, index), key);
    const auto [found, inserted] =
        first_pointer.emplace(diff::canonical_dump(element[key]), pointer);
    if (inserted) {
      continue;
    }
    auto message =
        diff::display_member(diff::display_element(named.path, index), key);
    const bool hidden = std::find(context.hidden.begin(), context.hidden.end(),
                                  pointer) != context.hidden.end();
    message += ": duplicate " + key + " ";
    message += hidden ? "(sensitive)" : element[key].dump();
    message +=
        " (first at " + line_reference(context.marks, pointer, found->second);
    errors.push_back({pointer, message + ")", false});
  }
}

const json* disabled_flag(const json& document, std::string_view section)
{
  const auto configuration = document.find("configuration");
  if (configuration == document.end() || !configuration->is_object()) {
    return nullptr;
  }
  const auto settings = configuration->find(std::string(section));
  if (settings == configuration->end() || !settings->is_object()) {
    return nullptr;
  }
  const auto enabled = settings->find("enabled");
  if (enabled == settings->end() || *enabled != false) {
    return nullptr;
  }
  return &*enabled;
}

void check_step_sections(const json& document,
                         const std::map<std::string, SourceMark>& marks,
                         std::vector<ValueError>& errors)
{
  const auto steps = document.find("steps");
  if (steps == document.end() || !steps->is_array()) {
    return;
  }
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const json& step = (*steps)[i];
    if (!step.is_object() || !step.contains("stepType") ||
        !step["stepType"].is_string()) {
      continue;
    }
    const auto& step_type = step["stepType"].get_ref<const std::string&>();
    for (const auto& known : k_verification_steps) {
      if (step_type != known.step_type ||
          disabled_flag(document, known.section) == nullptr) {
        continue;
      }
      const auto index = std::to_string(i);
      const auto pointer = "/steps/" + index + "/stepType";
      const auto flag =
          "/configuration/" + std::string(known.section) + "/enabled";
      errors.push_back(
          {pointer,
           "steps[" + index + "].stepType: step '" +
               std::string(known.step_type) + "' needs configuration." +
               std::string(known.section) + ", which is disabled (" +
               line_reference(marks, pointer, flag) + ")",
           false});
    }
  }
}

} // namespace

std::vector<ValueError>
check_flow_rules(const nlohmann::json& document,
                 const std::map<std::string, std::string>& list_keys,
                 const std::map<std::string, SourceMark>& marks,
                 const std::vector<std::string>& hidden)
{
  const RuleContext context{marks, hidden};
  std::vector<ValueError> errors;
  if (!document.is_object()) {
    return errors;
  }
  bool order_checked = false;
  for (const auto& [name, key] : list_keys) {
    const auto named = find_array(document, name);
    if (named.array != nullptr) {
      check_unique_keys(named, key, context, errors);
      order_checked |= named.pointer == "/steps" && key == "order";
    }
  }
  // The API refuses steps that share an order, whatever key the diff
  // matches steps by.
  if (!order_checked) {
    const auto steps = find_array(document, "steps");
    if (steps.array != nullptr) {
      check_unique_keys(steps, "order", context, errors);
    }
  }
  check_step_sections(document, marks, errors);
  return errors;
}

} // namespace flowctl::desired
