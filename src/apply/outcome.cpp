#include "apply/outcome.hpp"

namespace flowctl::apply {

std::string_view to_string(Outcome outcome)
{
  switch (outcome) {
  case Outcome::applied:
    return "applied";
  case Outcome::unchanged:
    return "unchanged";
  case Outcome::failed:
    return "failed";
  case Outcome::cancelled:
    return "cancelled";
  }
  return "unknown";
}

std::string FlowOutcome::reason() const
{
  if (!error) {
    return "";
  }
  // Our own verdict reads better without an HTTP status in front of it.
  if (error->code == k_not_converged_code) {
    return error->message;
  }
  return error->describe();
}

Totals count_outcomes(const std::vector<FlowOutcome>& outcomes)
{
  Totals totals;
  for (const auto& flow : outcomes) {
    switch (flow.outcome) {
    case Outcome::applied:
      ++totals.applied;
      break;
    case Outcome::unchanged:
      ++totals.unchanged;
      break;
    case Outcome::failed:
      ++totals.failed;
      break;
    case Outcome::cancelled:
      ++totals.cancelled;
      break;
    }
  }
  return totals;
}

} // namespace flowctl::apply
