#include "plan/drift.hpp"

#include "plan/plan_document.hpp"
#include "plan/render_markdown.hpp"
#include "plan/render_text.hpp"

#include <sstream>

namespace flowctl::plan {

namespace {

constexpr long k_not_found = 404;

// The plan with only the changed flows and the errors that are not a
// missing flow, for the per-field sections of the report.
Plan changes_only(const Plan& plan)
{
  Plan changed = plan;
  changed.flows.clear();
  for (const auto& flow : plan.flows) {
    if (flow.action == Action::update ||
        (flow.action == Action::failed && !is_missing(flow))) {
      changed.flows.push_back(flow);
    }
  }
  return changed;
}

std::string counts_line(const DriftCounts& counts)
{
  std::ostringstream out;
  out << "Drift: " << counts.changed << " changed, " << counts.missing
      << " missing, " << counts.unmanaged << " unmanaged, " << counts.in_sync
      << " in sync";
  if (counts.errors > 0) {
    out << ", " << counts.errors << " failed";
  }
  out << ".";
  return out.str();
}

// Drops the renderer's own closing line; the drift report has its own.
std::string without_plan_line(const std::string& text)
{
  auto at = text.rfind("Plan: ");
  if (at == std::string::npos) {
    return text;
  }
  auto cut = text.substr(0, at);
  auto no_changes = cut.rfind("No changes.");
  if (no_changes != std::string::npos) {
    cut = cut.substr(0, no_changes);
  }
  return cut;
}

} // namespace

bool is_missing(const FlowPlan& flow)
{
  return flow.action == Action::failed && flow.error &&
         flow.error->status == k_not_found;
}

DriftCounts count_drift(const DriftReport& report)
{
  DriftCounts counts;
  for (const auto& flow : report.plan.flows) {
    if (flow.action == Action::update) {
      ++counts.changed;
    } else if (is_missing(flow)) {
      ++counts.missing;
    } else if (flow.action == Action::failed) {
      ++counts.errors;
    } else {
      ++counts.in_sync;
    }
  }
  counts.unmanaged = report.unmanaged.size();
  return counts;
}

bool has_drift(const DriftReport& report)
{
  auto counts = count_drift(report);
  return counts.changed + counts.missing + counts.unmanaged > 0;
}

std::string render_drift_text(const DriftReport& report, bool color)
{
  std::ostringstream out;
  out << without_plan_line(
      render_text(changes_only(report.plan), TextOptions{color}));
  for (const auto& flow : report.plan.flows) {
    if (is_missing(flow)) {
      out << "- missing flow " << flow.id << " (" << flow.file << ":"
          << flow.line << "): declared in git, not found by the API\n";
    }
  }
  for (const auto& flow : report.unmanaged) {
    out << "+ unmanaged flow " << flow.id << " (\"" << flow.name << "\", "
        << flow.status << "): live in project " << report.project
        << ", declared in no file\n";
  }
  auto counts = count_drift(report);
  if (!has_drift(report) && counts.errors == 0) {
    out << "No drift. Live flows match the files.\n";
  }
  out << counts_line(counts) << "\n";
  return out.str();
}

std::string render_drift_markdown(const DriftReport& report)
{
  MarkdownOptions options;
  options.title = "flowctl drift";
  // Leave room for the missing and unmanaged lists after the plan.
  options.max_chars = 48000;
  std::ostringstream out;
  out << render_markdown(changes_only(report.plan), options) << "\n";
  auto counts = count_drift(report);
  out << "**" << counts_line(counts) << "**\n\n";
  std::size_t listed = 0;
  constexpr std::size_t k_list_limit = 200;
  for (const auto& flow : report.plan.flows) {
    if (is_missing(flow) && listed++ < k_list_limit) {
      out << "- missing: `" << flow.id << "` (" << flow.file << ")\n";
    }
  }
  for (const auto& flow : report.unmanaged) {
    if (listed++ < k_list_limit) {
      out << "- unmanaged: `" << flow.id << "` (" << flow.status << ")\n";
    }
  }
  if (listed > k_list_limit) {
    out << "- and " << listed - k_list_limit << " more\n";
  }
  return out.str();
}

nlohmann::json drift_document(const DriftReport& report)
{
  auto document = to_document(report.plan);
  auto counts = count_drift(report);
  auto missing = nlohmann::json::array();
  for (const auto& flow : report.plan.flows) {
    if (is_missing(flow)) {
      missing.push_back({{"id", flow.id}, {"file", flow.file}});
    }
  }
  auto unmanaged = nlohmann::json::array();
  for (const auto& flow : report.unmanaged) {
    unmanaged.push_back(
        {{"id", flow.id}, {"name", flow.name}, {"status", flow.status}});
  }
  document["drift"] = {{"changed", counts.changed},
                       {"missing", std::move(missing)},
                       {"unmanaged", std::move(unmanaged)},
                       {"in_sync", counts.in_sync},
                       {"errors", counts.errors},
                       {"project", report.project},
                       {"listed", report.listed}};
  return document;
}

} // namespace flowctl::plan
