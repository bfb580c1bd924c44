#include "plan/render_text.hpp"

#include "plan/render_common.hpp"

#include <string_view>

namespace flowctl::plan {

namespace {

constexpr std::string_view k_reset = "\033[0m";
constexpr std::string_view k_bold = "\033[1m";
constexpr std::string_view k_red = "\033[31m";
constexpr std::string_view k_green = "\033[32m";
constexpr std::string_view k_yellow = "\033[33m";

constexpr std::string_view k_change_indent = "    ";
constexpr std::string_view k_value_indent = "        ";

class TextWriter {
public:
  explicit TextWriter(const TextOptions& options) : m_color(options.color) {}

  void flow(const FlowPlan& flow);
  void failure(const FlowPlan& flow);
  void closing(const Summary& summary);
  void blank_line() { m_out += "\n"; }
  std::string take() { return std::move(m_out); }

private:
  std::string paint(std::string_view colour, std::string_view text) const;
  std::string marker(diff::Op op) const;
  void change(const diff::Change& change,
              const std::vector<std::string>& sensitive);
  void short_change(const diff::Change& change, const ShownChange& shown);
  void long_change(const diff::Change& change, const ShownChange& shown);
  void value_lines(const ShownValue& shown);

  bool m_color;
  std::string m_out;
};

std::string TextWriter::paint(std::string_view colour,
                              std::string_view text) const
{
  if (!m_color) {
    return std::string(text);
  }
  std::string out(colour);
  out += text;
  out += k_reset;
  return out;
}

std::string TextWriter::marker(diff::Op op) const
{
  switch (op) {
  case diff::Op::add:
    return paint(k_green, "+");
  case diff::Op::remove:
    return paint(k_red, "-");
  case diff::Op::replace:
    return paint(k_yellow, "~");
  }
  return "?";
}

void TextWriter::flow(const FlowPlan& flow)
{
  m_out += paint(k_yellow, "~") + " " +
           paint(k_bold, "flow " + printable(flow.id)) + " (" +
           printable(location(flow)) + ")\n";
  for (const auto& item : flow.changes) {
    change(item, flow.sensitive);
  }
  m_out += "\n";
}

void TextWriter::change(const diff::Change& change,
                        const std::vector<std::string>& sensitive)
{
  auto shown = show_change(change, sensitive);
  bool long_value = (shown.before && is_long(*shown.before)) ||
                    (shown.after && is_long(*shown.after));
  if (long_value) {
    long_change(change, shown);
  } else {
    short_change(change, shown);
  }
}

void TextWriter::short_change(const diff::Change& change,
                              const ShownChange& shown)
{
  m_out += std::string(k_change_indent) + marker(change.op) + " " +
           printable(change.path) + ":";
  if (shown.before) {
    m_out += " " + compact_text(*shown.before);
  }
  if (shown.before && shown.after) {
    m_out += " ->";
  }
  if (shown.after) {
    m_out += " " + compact_text(*shown.after);
  }
  m_out += "\n";
}

void TextWriter::long_change(const diff::Change& change,
                             const ShownChange& shown)
{
  m_out += std::string(k_change_indent) + marker(change.op) + " " +
           printable(change.path) + ":\n";
  if (shown.before) {
    value_lines(*shown.before);
  }
  if (shown.before && shown.after) {
    m_out += std::string(k_value_indent) + "->\n";
  }
  if (shown.after) {
    value_lines(*shown.after);
  }
}

void TextWriter::value_lines(const ShownValue& shown)
{
  for (const auto& line : pretty_lines(shown)) {
    m_out += std::string(k_value_indent) + line + "\n";
  }
}

void TextWriter::failure(const FlowPlan& flow)
{
  std::string reason = flow.error ? flow.error->describe() : "failed";
  m_out += paint(k_red, "!") + " " +
           paint(k_bold, "flow " + printable(flow.id)) + " (" +
           printable(location(flow)) + "): " + printable(reason) + "\n";
}

void TextWriter::closing(const Summary& summary)
{
  if (summary.update == 0 && summary.failed == 0) {
    m_out += "No changes. Live flows match the files.\n";
  }
  m_out += paint(k_bold, "Plan:") + " " + summary_counts(summary) + ".\n";
}

} // namespace

std::string render_text(const Plan& plan, const TextOptions& options)
{
  TextWriter writer(options);
  for (const auto& flow : plan.flows) {
    if (flow.action == Action::update) {
      writer.flow(flow);
    }
  }

  // Failures come last, next to the summary, where they are hard to miss.
  bool any_failed = false;
  for (const auto& flow : plan.flows) {
    if (flow.action == Action::failed) {
      writer.failure(flow);
      any_failed = true;
    }
  }
  if (any_failed) {
    writer.blank_line();
  }

  if (options.closing) {
    writer.closing(summarize(plan));
  }
  return writer.take();
}

} // namespace flowctl::plan
