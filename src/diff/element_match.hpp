#pragma once

#include "diff/diff.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace flowctl::diff {

// One element of the desired array and its counterpart in the live array;
// either may be missing.
struct ElementMatch {
  std::optional<std::size_t> desired;
  std::optional<std::size_t> live;
  std::string label; // "order=3" when paired by key, else the index
};

// The key field of the array at `pointer`, if the options name one.
std::optional<std::string> list_key_for(const DiffOptions& options,
                                        const std::string& pointer);

// Pairs the elements of two arrays: by the value of `key` (desired order,
// then live-only elements in live order) when every element of both arrays
// has a distinct string, number or boolean there; otherwise by index.
std::vector<ElementMatch> match_elements(const nlohmann::json& desired,
                                         const nlohmann::json& live,
                                         const std::optional<std::string>& key);

// The member `key` of `object`, or nullptr when `object` is not an object,
// lacks the key or holds null there: a null member counts as absent.
const nlohmann::json* member(const nlohmann::json* object,
                             const std::string& key);

// The element at `index`, or nullptr when there is none.
const nlohmann::json* element(const nlohmann::json& array,
                              std::optional<std::size_t> index);

} // namespace flowctl::diff
