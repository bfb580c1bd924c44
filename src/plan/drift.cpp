#include "plan/drift.hpp"

#include "plan/plan_document.hpp"
#include "plan/render_common.hpp"
#include "plan/render_markdown.hpp"
#include "plan/render_text.hpp"

#include <sstream>
#include <string_view>

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

std::string counts_text(const DriftCounts& counts)
{
  std::ostringstream out;
  out << counts.changed << " changed, " << counts.missing << " missing, "
      << counts.unmanaged << " unmanaged, " << counts.in_sync << " in sync";
  if (counts.errors > 0) {
    out << ", " << counts.errors << " failed";
  }
  out << ".";
  return out.str();
}

// GitHub refuses an issue body or a comment over 65,536 characters; the
// changed flows get most of the room, the lists of flows what is left.
constexpr std::size_t k_markdown_max_chars = 65000;
constexpr std::size_t k_markdown_changes_chars = 48000;
// Room kept for the closing "and N more" line of each list.
constexpr std::size_t k_more_line_chars = 64;
// A name from the server is shown in lists up to this many bytes.
constexpr std::size_t k_shown_name_chars = 80;

// `text` cut to at most `max_bytes` at a character boundary, with an
// ellipsis when something was cut.
std::string shortened(std::string_view text, std::size_t max_bytes)
{
  if (text.size() <= max_bytes) {
    return std::string(text);
  }
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

// Appends an HTML list of `items` under `heading`, as many as fit in the
// budget, then a line counting the ones left out.
void list_section(std::string& out, const std::string& heading,
                  const std::vector<std::string>& items)
{
  if (items.empty()) {
    return;
  }
  out += heading + "\n\n<ul>\n";
  std::size_t shown = 0;
  for (const auto& item : items) {
    if (out.size() + item.size() + k_more_line_chars > k_markdown_max_chars) {
      break;
    }
    out += item;
    ++shown;
  }
  if (shown < items.size()) {
    out += "<li>and " + std::to_string(items.size() - shown) + " more</li>\n";
  }
  out += "</ul>\n\n";
}

std::vector<std::string> missing_items(const DriftReport& report)
{
  std::vector<std::string> items;
  for (const auto& flow : report.plan.flows) {
    if (is_missing(flow)) {
      items.push_back("<li><code>" + html_escape(flow.id) + "</code> (" +
                      html_escape(location(flow)) + ")</li>\n");
    }
  }
  return items;
}

std::vector<std::string> unmanaged_items(const DriftReport& report)
{
  std::vector<std::string> items;
  for (const auto& flow : report.unmanaged) {
    items.push_back("<li><code>" + html_escape(flow.id) + "</code> " +
                    html_escape(shortened(flow.name, k_shown_name_chars)) +
                    " (" + html_escape(flow.status) + ")</li>\n");
  }
  return items;
}

// Nothing differs and nothing kept the check from being complete.
bool in_sync(const DriftReport& report)
{
  return !has_drift(report) && count_drift(report).errors == 0 &&
         report.list_error.empty();
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
  TextOptions options{color};
  options.closing = false;
  std::ostringstream out;
  out << render_text(changes_only(report.plan), options);
  for (const auto& flow : report.plan.flows) {
    if (is_missing(flow)) {
      out << "- missing flow " << printable(flow.id) << " ("
          << printable(location(flow))
          << "): declared in git, not found by the API\n";
    }
  }
  for (const auto& flow : report.unmanaged) {
    out << "+ unmanaged flow " << printable(flow.id) << " (\""
        << printable(flow.name) << "\", " << printable(flow.status)
        << "): live in project " << printable(report.project)
        << ", declared in no file\n";
  }
  if (!report.list_error.empty()) {
    out << "! unmanaged flows not looked for: " << printable(report.list_error)
        << "\n";
  }
  auto counts = count_drift(report);
  if (in_sync(report)) {
    out << "No drift. Live flows match the files.\n";
  }
  out << "Drift: " << counts_text(counts) << "\n";
  return out.str();
}

std::string render_drift_markdown(const DriftReport& report)
{
  auto counts = count_drift(report);
  MarkdownOptions options;
  options.title = "flowctl drift";
  options.max_chars = k_markdown_changes_chars;
  options.summary = "**Drift:** " + counts_text(counts);
  if (!report.list_error.empty()) {
    options.summary +=
        "\n\nUnmanaged flows not looked for: " + html_escape(report.list_error);
  }
  if (in_sync(report)) {
    options.summary += "\n\nNo drift. Live flows match the files.";
  }
  auto out = render_markdown(changes_only(report.plan), options);
  list_section(out,
               "### Missing flows\n\nDeclared in git, not found by the API.",
               missing_items(report));
  list_section(out,
               "### Unmanaged flows\n\nLive in project <code>" +
                   html_escape(report.project) +
                   "</code>, declared in no file.",
               unmanaged_items(report));
  return out;
}

std::string drift_document_text(const DriftReport& report)
{
  auto document = document_head(report.plan);
  auto counts = count_drift(report);
  auto missing = nlohmann::json::array();
  for (const auto& flow : report.plan.flows) {
    if (is_missing(flow)) {
      missing.push_back(
          {{"id", flow.id}, {"file", flow.file}, {"line", flow.line}});
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
  if (!report.list_error.empty()) {
    document["drift"]["list_error"] = report.list_error;
  }
  return document_text(document, report.plan.flows);
}

} // namespace flowctl::plan
