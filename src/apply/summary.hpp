#pragma once

#include "apply/outcome.hpp"

#include <string>
#include <vector>

namespace flowctl::apply {

// One row per flow, columns aligned, then the totals:
//   "  applied    project_flow_1  flows/a.yaml  (2 changes)"
//   "Apply: 1 applied, 0 unchanged, 0 failed."
// Cancelled flows are counted only when there are some.
std::string render_summary(const std::vector<FlowOutcome>& outcomes);

std::string totals_line(const Totals& totals);

} // namespace flowctl::apply
