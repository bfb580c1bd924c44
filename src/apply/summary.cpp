#include "apply/summary.hpp"

#include "plan/render_common.hpp"

#include <algorithm>

namespace flowctl::apply {

namespace {

// Wide enough for the longest outcome word and two spaces.
constexpr std::size_t k_outcome_width = 11;

std::string pad(std::string text, std::size_t width)
{
  if (text.size() < width) {
    text.append(width - text.size(), ' ');
  }
  return text;
}

std::string change_count(std::size_t count)
{
  return "(" + std::to_string(count) + (count == 1 ? " change)" : " changes)");
}

std::string detail(const FlowOutcome& flow)
{
  switch (flow.outcome) {
  case Outcome::applied:
    return change_count(flow.changed_paths.size());
  case Outcome::failed:
    return plan::printable(flow.reason());
  case Outcome::cancelled:
    return flow.error ? "(" + flow.error->message + ")" : "(not sent)";
  case Outcome::unchanged:
    break;
  }
  return "";
}

std::string trim_right(std::string text)
{
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  return text;
}

} // namespace

std::string totals_line(const Totals& totals)
{
  std::string line = "Apply: " + std::to_string(totals.applied) + " applied, " +
                     std::to_string(totals.unchanged) + " unchanged, " +
                     std::to_string(totals.failed) + " failed";
  if (totals.cancelled > 0) {
    line += ", " + std::to_string(totals.cancelled) + " cancelled";
  }
  return line + ".";
}

std::string render_summary(const std::vector<FlowOutcome>& outcomes)
{
  std::size_t id_width = 0;
  std::size_t file_width = 0;
  for (const auto& flow : outcomes) {
    id_width = std::max(id_width, flow.id.size());
    file_width = std::max(file_width, plan::printable(flow.file).size());
  }

  std::string text;
  for (const auto& flow : outcomes) {
    auto row = "  " +
               pad(std::string(to_string(flow.outcome)), k_outcome_width) +
               pad(flow.id, id_width + 2) +
               pad(plan::printable(flow.file), file_width + 2) + detail(flow);
    text += trim_right(std::move(row)) + "\n";
  }
  return text + totals_line(count_outcomes(outcomes)) + "\n";
}

} // namespace flowctl::apply
