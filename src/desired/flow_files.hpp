#pragma once

#include "desired/diagnostic.hpp"

#include <string>
#include <vector>

namespace flowctl::desired {

struct FlowFiles {
  std::vector<std::string> files;
  std::vector<Diagnostic> errors;
};

// Expands what a user names as flows: a file; a directory, meaning every
// *.yaml and *.yml file below it (recursively, sorted, hidden entries
// skipped); or a glob(3) pattern. Relative paths are taken from `base_dir`,
// and the files are named relative to the working directory as given. A path
// that yields no file is an error. Each file appears once.
FlowFiles expand_flow_paths(const std::vector<std::string>& paths,
                            const std::string& base_dir);

// `path` seen from `base_dir`, lexically normalised: "./flows/../a.yaml"
// becomes "a.yaml".
std::string join_path(const std::string& base_dir, const std::string& path);

} // namespace flowctl::desired
