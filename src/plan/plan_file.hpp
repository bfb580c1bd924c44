#pragma once

#include "plan/plan_document.hpp"

#include <string>

namespace flowctl::plan {

// Writes `content` to `path` through a temporary file in the same directory
// and a rename, so a reader sees the old file or the new one, never half of
// one. The file is readable by its owner only, unless `shareable`: then it
// gets the permissions of any new file (0666 less the umask), as a file
// meant for a repository should. Returns an error message.
std::string write_file_atomic(const std::string& path,
                              const std::string& content,
                              bool shareable = false);

// The same with the content given piece by piece to the sink `produce` is
// called with, so that it need not be held whole.
std::string
write_file_atomic(const std::string& path,
                  const std::function<void(const TextSink&)>& produce,
                  bool shareable = false);

// Saves the plan document; returns an error message or "".
std::string save_plan(const std::string& path, const Plan& plan);

// Reads a saved plan. A file that is not a plan gives an error naming it.
DocumentResult load_plan(const std::string& path);

// True when the file is a JSON object whose members include
// "format_version" before any error: a plan document, perhaps a damaged
// one, rather than flow YAML. apply tells the two apart by this.
bool looks_like_plan(const std::string& path);

} // namespace flowctl::plan
