#pragma once

#include "cli/global_options.hpp"

#include <string>
#include <vector>

namespace flowctl::cli {

struct ValidateArgs {
  std::vector<std::string> paths;
  std::string format = "text"; // or github
};

struct PlanArgs {
  std::vector<std::string> paths;
  std::string out;
  std::string format = "text";
  bool detailed_exitcode = false;
};

struct ShowArgs {
  std::string plan;
  std::string format = "text";
};

struct ApplyArgs {
  std::vector<std::string> paths;
  bool auto_approve = false;
  std::string audit_log;
};

struct DriftArgs {
  std::vector<std::string> paths;
  std::string format = "text";
};

struct ExportArgs {
  std::string out;
  std::vector<std::string> ids;
  bool force = false; // replace files that already exist
};

// Each command returns its exit code; errors a user can fix are thrown as
// CommandError and printed once by main.
int run_validate(const GlobalOptions& global, const ValidateArgs& args);
int run_plan(const GlobalOptions& global, const PlanArgs& args);
int run_show(const GlobalOptions& global, const ShowArgs& args);
int run_apply(const GlobalOptions& global, const ApplyArgs& args);
int run_drift(const GlobalOptions& global, const DriftArgs& args);
int run_export(const GlobalOptions& global, const ExportArgs& args);

} // namespace flowctl::cli
