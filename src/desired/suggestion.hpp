#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowctl::desired {

// Edit distance counting insertions, deletions, substitutions and swaps of
// two neighbouring characters as one edit each.
std::size_t edit_distance(std::string_view from, std::string_view to);

// The candidate a mistyped `word` most likely meant, if one is close enough
// to be a typo rather than a different word.
std::optional<std::string>
closest_match(std::string_view word,
              const std::vector<std::string>& candidates);

} // namespace flowctl::desired
