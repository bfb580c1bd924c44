#pragma once

#include "desired/diagnostic.hpp"
#include "desired/value_error.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace flowctl::desired {

// The rules a JSON Schema cannot state, checked on one flow document:
// - in every array named by `list_keys` (a top-level field name or a JSON
//   pointer, mapped to the key field) the key values are unique, so the
//   array can be matched with the live one; for steps, no two share an order;
// - a step of type email, phone or biometric needs its verification section
//   of `configuration` not to be disabled, when both fields are managed.
// `marks` places values so that a message can name the other line involved;
// the values at the `hidden` pointers are never shown.
std::vector<ValueError>
check_flow_rules(const nlohmann::json& document,
                 const std::map<std::string, std::string>& list_keys,
                 const std::map<std::string, SourceMark>& marks,
                 const std::vector<std::string>& hidden = {});

} // namespace flowctl::desired
