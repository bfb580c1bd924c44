#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace flowctl::desired {

// One YAML scalar read under the YAML 1.2 core schema; `error` is set when
// the text cannot be what its tag says.
struct ScalarValue {
  nlohmann::json value;
  std::string error;
};

// `tag` in YAML's notation: "?" for a plain scalar, "!" for a quoted or
// block scalar, or a full tag such as "tag:yaml.org,2002:int".
ScalarValue resolve_scalar(const std::string& tag, const std::string& text);

// "tag:yaml.org,2002:str" -> "!!str"; other tags unchanged.
std::string short_tag(const std::string& tag);

} // namespace flowctl::desired
