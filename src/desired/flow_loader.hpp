#pragma once

#include "desired/diagnostic.hpp"
#include "desired/interpolation.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace flowctl::desired {

// One flow as the repository wants it.
struct DesiredFlow {
  std::string id;
  std::string file; // as given / relative to cwd
  SourceMark mark;  // the document's `id:` line
  nlohmann::json fields = nlohmann::json::object(); // managed fields only
  std::vector<std::string> sensitive_pointers;      // values from ${env:...}
  // "sha256:" + hex. The SHA-256 of the file's bytes when it extends
  // nothing; otherwise of the lines "sha256:<hex of a file's bytes>" of the
  // file and of every file it extends, in order, each ending in '\n'.
  std::string file_digest;
};

EnvLookup process_environment();

struct LoadOptions {
  std::string base_dir = "."; // relative `paths` are taken from here
  std::map<std::string, std::string> vars;
  EnvLookup getenv = process_environment();
  std::map<std::string, std::string> list_keys{{"steps", "order"}};
  // An unset ${env:NAME} is a note instead of an error, and the value that
  // misses it is not checked: validation in a pull request runs without
  // the secrets that plan and apply need.
  bool allow_unset_env = false;
};

struct LoadResult {
  std::vector<DesiredFlow> flows; // sorted by id
  std::vector<Diagnostic> errors; // sorted by file, line and column
  std::vector<Diagnostic> notes;  // unset variables, with allow_unset_env
};

// Reads the desired state: every flow document of the files, directories and
// globs in `paths`. Every error is reported, not only the first; a file with
// an error contributes no flows.
//
// A document is one flow: a mapping with `id` and the managed fields. With
// `extends: PATH` (relative to its file) it starts from the single document
// of that file, which may itself extend another; its own fields are merged
// over the base (mappings key by key, anything else replaces) and the result
// is checked as a whole. A base's `id` is not inherited. A document without
// `id` in a file that some flow extends is a base only, not a flow; anywhere
// else a missing `id` is an error.
LoadResult load_flows(const std::vector<std::string>& paths,
                      const LoadOptions& options);

} // namespace flowctl::desired
