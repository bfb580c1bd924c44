#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace flowctl::sandbox {

struct FlowsFile {
  nlohmann::json flows = nlohmann::json::array();
  // Empty on success; otherwise one line that starts with the path.
  std::string error;
};

// Reads a seed or state file: a JSON array of flow objects, each with a
// non-empty string "_id" that holds no '/', unique across the array.
FlowsFile read_flows_file(const std::string& path);

// Replaces the file so that a crash at any moment leaves either the old or
// the new content: write a temporary file beside it, flush it to disk,
// rename it over the target, then flush the directory entry. Returns an
// error message, or nullopt on success.
std::optional<std::string> write_file_atomically(const std::string& path,
                                                 std::string_view text);

} // namespace flowctl::sandbox
