#pragma once

#include "diff/diff.hpp"
#include "plan/plan.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowctl::plan {

// Shown instead of a value, or a part of one, that must stay secret.
inline constexpr std::string_view k_sensitive_text = "(sensitive)";

// Values whose compact JSON is longer than this go on their own lines.
inline constexpr std::size_t k_long_value_chars = 60;

// One side of a change as a reviewer may see it.
struct ShownValue {
  // The whole value is secret: show k_sensitive_text and nothing else.
  bool hidden = false;
  // The value with every secret part replaced by k_sensitive_text.
  nlohmann::json value;
};

// Hides what the flow's sensitive patterns cover. A change flagged sensitive
// whose patterns reach nothing inside the value is hidden whole, so the flag
// alone is enough to keep a value out of the output.
ShownValue show_value(const nlohmann::json& value, const std::string& pointer,
                      const std::vector<std::string>& sensitive,
                      bool change_sensitive);

// Compact JSON, or k_sensitive_text for a hidden value.
std::string compact_text(const ShownValue& shown);

// Indented JSON split into lines, for values too long for one line.
std::vector<std::string> pretty_lines(const ShownValue& shown);

// True when a side should be printed on lines of its own.
bool is_long(const ShownValue& shown);

// The two sides of a change; `before` is unset for an add and `after` for a
// remove.
struct ShownChange {
  std::optional<ShownValue> before;
  std::optional<ShownValue> after;
};

ShownChange show_change(const diff::Change& change,
                        const std::vector<std::string>& sensitive);

// Control characters replaced by \xNN, so text from files or servers cannot
// move the cursor, colour a terminal or start a new line.
std::string printable(std::string_view text);

// Text from files or servers made inert for markdown: the markdown renderer
// puts it only inside HTML blocks, where markdown is not interpreted, so
// entities for & < > " ' are enough; | and ` are escaped as well so the text
// stays inert in a table or beside a code span. Control characters as in
// printable().
std::string html_escape(std::string_view text);

// "2 to update, 5 unchanged, 0 failed"
std::string summary_counts(const Summary& summary);

// "flows/onboarding.yaml:2", or the file alone when the line is unknown.
std::string location(const FlowPlan& flow);

} // namespace flowctl::plan
