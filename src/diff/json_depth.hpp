#pragma once

#include <cstddef>
#include <string_view>

namespace flowctl::diff {

// Flows nest a handful of levels. Anything past this limit is refused before
// it is parsed, so that the recursive walks over values (digests, diffs,
// validation) stay far from the end of the stack whatever a peer sends.
constexpr std::size_t k_max_json_depth = 128;

// Whether the arrays and objects of the JSON text `text` nest deeper than
// `max_depth`. Brackets inside strings do not count; the text need not be
// valid JSON.
bool nested_deeper_than(std::string_view text, std::size_t max_depth);

} // namespace flowctl::diff
