#pragma once

#include "desired/value_error.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowctl::desired {

using EnvLookup =
    std::function<std::optional<std::string>(const std::string& name)>;

// Where `${env:NAME}` and `${var:NAME}` take their values from.
struct InterpolationSources {
  const std::map<std::string, std::string>& vars;
  const EnvLookup& getenv;
  // An unset environment variable is not an error but a note, and the
  // reference expands to nothing: offline checks run without the secrets.
  bool allow_unset_env = false;
};

struct InterpolationResult {
  // Pointers of the strings that took a value from the environment.
  std::vector<std::string> sensitive_pointers;
  std::vector<ValueError> errors;
  // With allow_unset_env: one note per unset variable, and the pointers of
  // the strings that miss a value, whose content means nothing.
  std::vector<ValueError> unset;
  std::vector<std::string> unresolved_pointers;
};

// Replaces `${env:NAME}` and `${var:NAME}` in every string value of
// `document`, in place; `$${` stands for a literal `${`. Keys are left
// alone, and an interpolated value stays a string.
InterpolationResult interpolate(nlohmann::json& document,
                                const InterpolationSources& sources);

} // namespace flowctl::desired
