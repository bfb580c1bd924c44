#pragma once

#include "plan/plan.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace flowctl::plan {

// A live flow of the configured project that no file declares.
struct UnmanagedFlow {
  std::string id;
  std::string name;
  std::string status;
};

// What a scheduled drift check found. Changed flows are the plan's updates;
// a flow the API answers 404 for is missing; other failures are errors.
struct DriftReport {
  Plan plan;
  std::vector<UnmanagedFlow> unmanaged;
  std::string project;
  bool listed = false; // whether the list endpoint was consulted
  // Why listing failed, so unmanaged flows are unknown; empty otherwise.
  std::string list_error;
};

struct DriftCounts {
  std::size_t changed = 0;
  std::size_t missing = 0;
  std::size_t unmanaged = 0;
  std::size_t in_sync = 0;
  std::size_t errors = 0;
};

bool is_missing(const FlowPlan& flow);
DriftCounts count_drift(const DriftReport& report);
bool has_drift(const DriftReport& report);

std::string render_drift_text(const DriftReport& report, bool color);
std::string render_drift_markdown(const DriftReport& report);
// The plan document with a "drift" member, as JSON text.
std::string drift_document_text(const DriftReport& report);

} // namespace flowctl::plan
