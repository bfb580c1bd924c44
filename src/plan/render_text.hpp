#pragma once

#include "plan/plan.hpp"

#include <string>

namespace flowctl::plan {

struct TextOptions {
  // ANSI colours for a terminal; off for files, pipes and CI logs.
  bool color = false;
  // The closing "Plan: ..." line, and "No changes." before it; a report
  // that has its own summary, such as drift, leaves them out.
  bool closing = true;
};

// The plan for a terminal: one block per flow that changes, one line per
// flow that failed, then the closing summary line. Unchanged flows are only
// counted. Sensitive values never appear.
std::string render_text(const Plan& plan, const TextOptions& options);

} // namespace flowctl::plan
