#pragma once

#include "plan/plan.hpp"

#include <string>

namespace flowctl::plan {

struct TextOptions {
  // ANSI colours for a terminal; off for files, pipes and CI logs.
  bool color = false;
};

// The plan for a terminal: one block per flow that changes, one line per
// flow that failed, then the closing summary line. Unchanged flows are only
// counted. Sensitive values never appear.
std::string render_text(const Plan& plan, const TextOptions& options);

} // namespace flowctl::plan
