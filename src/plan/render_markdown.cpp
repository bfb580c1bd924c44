#include "plan/render_markdown.hpp"

#include "plan/render_common.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace flowctl::plan {

namespace {

constexpr std::string_view k_failed_open = "### Failed flows\n\n<ul>\n";
constexpr std::string_view k_failed_close = "</ul>\n\n";
constexpr std::string_view k_value_indent = "    ";

std::string plural(std::size_t count, std::string_view noun)
{
  auto text = std::to_string(count) + " " + std::string(noun);
  if (count != 1) {
    text += "s";
  }
  return text;
}

// A fence longer than any run of backticks in the block, so nothing inside
// can close it early.
std::string fence_for(std::string_view body)
{
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

void side_lines(std::string& out, char sign, const std::string& path,
                const ShownValue& shown)
{
  std::string head = std::string(1, sign) + " " + path + ":";
  if (!is_long(shown)) {
    out += head + " " + compact_text(shown) + "\n";
    return;
  }
  out += head + "\n";
  for (const auto& line : pretty_lines(shown)) {
    out += std::string(1, sign) + std::string(k_value_indent) + line + "\n";
  }
}

std::string diff_body(const FlowPlan& flow)
{
  std::string body;
  for (const auto& change : flow.changes) {
    auto shown = show_change(change, flow.sensitive);
    auto path = printable(change.path);
    if (shown.before) {
      side_lines(body, '-', path, *shown.before);
    }
    if (shown.after) {
      side_lines(body, '+', path, *shown.after);
    }
  }
  return body;
}

std::string flow_section(const FlowPlan& flow)
{
  auto body = diff_body(flow);
  auto fence = fence_for(body);
  return "<details><summary>~ <code>" + html_escape(flow.id) + "</code> (" +
         html_escape(flow.file) + ") — " +
         plural(flow.changes.size(), "change") + "</summary>\n\n" + fence +
         "diff\n" + body + fence + "\n\n</details>\n\n";
}

std::string failure_item(const FlowPlan& flow)
{
  std::string reason = flow.error ? flow.error->describe() : "failed";
  return "<li><code>" + html_escape(flow.id) + "</code> (" +
         html_escape(location(flow)) + "): " + html_escape(reason) + "</li>\n";
}

std::string header(const Plan& plan, const MarkdownOptions& options)
{
  std::string out = std::string(k_markdown_marker) + "\n## " +
                    html_escape(options.title) + "\n\n";
  if (!options.summary.empty()) {
    return out + options.summary + "\n\n";
  }
  auto summary = summarize(plan);
  out += "**Plan:** " + summary_counts(summary) + "\n\n";
  if (summary.update == 0 && summary.failed == 0) {
    out += "No changes. Live flows match the files.\n\n";
  }
  return out;
}

std::string left_out_note(std::size_t count, const MarkdownOptions& options)
{
  std::string verb = count == 1 ? " is" : " are";
  return "---\n\n**" + plural(count, "flow") + verb +
         " not shown** to keep this comment within " +
         std::to_string(options.max_chars) + " characters. " +
         options.full_plan_hint + "\n";
}

struct Sections {
  std::vector<std::string> failures;
  std::vector<std::string> updates;
};

Sections sections_of(const Plan& plan)
{
  Sections sections;
  for (const auto& flow : plan.flows) {
    if (flow.action == Action::failed) {
      sections.failures.push_back(failure_item(flow));
    } else if (flow.action == Action::update) {
      sections.updates.push_back(flow_section(flow));
    }
  }
  return sections;
}

std::string join(const std::vector<std::string>& failures,
                 const std::vector<std::string>& updates)
{
  std::string out;
  if (!failures.empty()) {
    out += k_failed_open;
    for (const auto& item : failures) {
      out += item;
    }
    out += k_failed_close;
  }
  for (const auto& section : updates) {
    out += section;
  }
  return out;
}

// Takes, in order, every part that still fits in `budget`; a part too big
// is skipped so one huge flow does not hide all the ones after it.
std::vector<std::string> take_fitting(const std::vector<std::string>& parts,
                                      std::size_t& budget)
{
  std::vector<std::string> taken;
  for (const auto& part : parts) {
    if (part.size() <= budget) {
      budget -= part.size();
      taken.push_back(part);
    }
  }
  return taken;
}

std::string shortened(const std::string& head, const Sections& sections,
                      const MarkdownOptions& options)
{
  auto all = sections.failures.size() + sections.updates.size();
  std::size_t reserved = head.size() + left_out_note(all, options).size();
  if (!sections.failures.empty()) {
    reserved += k_failed_open.size() + k_failed_close.size();
  }
  std::size_t budget =
      options.max_chars > reserved ? options.max_chars - reserved : 0;

  auto failures = take_fitting(sections.failures, budget);
  auto updates = take_fitting(sections.updates, budget);
  auto shown = failures.size() + updates.size();
  return head + join(failures, updates) + left_out_note(all - shown, options);
}

// The last resort when even the summary does not fit: cut at a character
// boundary so the text stays valid UTF-8.
std::string cut_to(std::string text, std::size_t max_chars)
{
  if (text.size() <= max_chars) {
    return text;
  }
  std::size_t end = max_chars;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  text.resize(end);
  return text;
}

} // namespace

std::string render_markdown(const Plan& plan, const MarkdownOptions& options)
{
  auto head = header(plan, options);
  auto sections = sections_of(plan);

  auto full = head + join(sections.failures, sections.updates);
  if (full.size() <= options.max_chars) {
    return full;
  }
  return cut_to(shortened(head, sections, options), options.max_chars);
}

} // namespace flowctl::plan
