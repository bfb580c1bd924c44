#include "plan/render_common.hpp"

#include "diff/json_path.hpp"

#include <cstdio>

namespace flowctl::plan {

namespace {

using nlohmann::json;

// Text from a server or a YAML file may hold bytes that are not UTF-8;
// dumping must not throw over them.
std::string dump(const json& value, int indent)
{
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

json sensitive_placeholder(const json& /*value*/)
{
  return std::string(k_sensitive_text);
}

} // namespace

ShownValue show_value(const json& value, const std::string& pointer,
                      const std::vector<std::string>& sensitive,
                      bool change_sensitive)
{
  ShownValue shown;
  if (diff::any_pattern_covers(sensitive, pointer)) {
    shown.hidden = true;
    return shown;
  }
  shown.value = diff::redact(value, pointer, sensitive, sensitive_placeholder);
  if (change_sensitive && shown.value == value) {
    shown.hidden = true;
    shown.value = json();
  }
  return shown;
}

std::string compact_text(const ShownValue& shown)
{
  if (shown.hidden) {
    return std::string(k_sensitive_text);
  }
  return dump(shown.value, -1);
}

std::vector<std::string> pretty_lines(const ShownValue& shown)
{
  if (shown.hidden) {
    return {std::string(k_sensitive_text)};
  }
  std::vector<std::string> lines;
  auto text = dump(shown.value, 2);
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool is_long(const ShownValue& shown)
{
  return compact_text(shown).size() > k_long_value_chars;
}

ShownChange show_change(const diff::Change& change,
                        const std::vector<std::string>& sensitive)
{
  ShownChange shown;
  if (change.op != diff::Op::add) {
    shown.before =
        show_value(change.before, change.pointer, sensitive, change.sensitive);
  }
  if (change.op != diff::Op::remove) {
    shown.after =
        show_value(change.after, change.pointer, sensitive, change.sensitive);
  }
  return shown;
}

std::string printable(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

std::string html_escape(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (char c : printable(text)) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    case '|':
      out += "&#124;";
      break;
    case '`':
      out += "&#96;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string summary_counts(const Summary& summary)
{
  return std::to_string(summary.update) + " to update, " +
         std::to_string(summary.unchanged) + " unchanged, " +
         std::to_string(summary.failed) + " failed";
}

std::string location(const FlowPlan& flow)
{
  if (flow.line <= 0) {
    return flow.file;
  }
  return flow.file + ":" + std::to_string(flow.line);
}

} // namespace flowctl::plan
