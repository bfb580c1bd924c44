#pragma once

#include "plan/plan.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowctl::apply {

// What became of one flow in an apply run.
enum class Outcome { applied, unchanged, failed, cancelled };

std::string_view to_string(Outcome outcome);

// Code given to a flow whose PUT was accepted but whose returned flow still
// differs from the desired fields.
inline constexpr const char* k_not_converged_code = "NOT_CONVERGED";

struct FlowOutcome {
  std::string id;
  std::string file;
  Outcome outcome = Outcome::unchanged;
  // Display paths of the changes the plan meant to make.
  std::vector<std::string> changed_paths;
  std::string live_digest_before;
  // Digest of the flow the server returned; empty when none came back.
  std::string live_digest_after;
  long http_status = 0;
  // Set for a failed flow: the server's code and words, or ours.
  std::optional<plan::FlowError> error;

  // One line on why the flow failed, for the summary; empty otherwise.
  std::string reason() const;
};

struct Totals {
  std::size_t applied = 0;
  std::size_t unchanged = 0;
  std::size_t failed = 0;
  std::size_t cancelled = 0;
};

Totals count_outcomes(const std::vector<FlowOutcome>& outcomes);

} // namespace flowctl::apply
