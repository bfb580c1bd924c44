#pragma once

#include "diff/diff.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace flowctl::diff {

// The value a PUT sends for the desired value at `pointer`: `desired` with
// every path an ignore pattern covers taken from `live`, and left out where
// live has nothing. nullptr stands for an absent value, and so does the
// result nullopt. Comparing this value rather than `desired` with live is
// what keeps the plan equal to what apply sends.
std::optional<nlohmann::json> overlay_ignored(const nlohmann::json* desired,
                                              const nlohmann::json* live,
                                              const std::string& pointer,
                                              const DiffOptions& options);

} // namespace flowctl::diff
