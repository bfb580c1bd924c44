#include "diff/diff.hpp"

#include "diff/canonical.hpp"
#include "diff/display_path.hpp"
#include "diff/element_match.hpp"
#include "diff/ignore_overlay.hpp"
#include "diff/json_path.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace flowctl::diff {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 8> k_server_managed = {
    "_id",     "project",   "client",    "type",
    "version", "createdAt", "updatedAt", "__v"};

// Where a value sits: the display path, and its pointer in the desired
// value and in live (empty on a side that does not have it).
struct Location {
  std::string path;
  std::string desired_pointer;
  std::string live_pointer;
};

bool same_kind(const json& a, const json& b)
{
  return a.type() == b.type() || (a.is_number() && b.is_number());
}

bool same_scalar(const json& a, const json& b)
{
  if (a.is_number() && b.is_number()) {
    // Integers of one kind compare exactly; any other pair by the text
    // that stands for its value.
    if (a.type() == b.type() && !a.is_number_float()) {
      return a == b;
    }
    return canonical_dump(a) == canonical_dump(b);
  }
  return a == b;
}

// Whether two values are equal member for member and element for element,
// which the comparison below would find without a change; most managed
// fields are, and this finds it without building their paths.
bool identical(const json& a, const json& b)
{
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
      const auto other = b.find(it.key());
      if (other == b.end() || !identical(*it, *other)) {
        return false;
      }
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), identical);
  }
  return same_kind(a, b) && !a.is_structured() && same_scalar(a, b);
}

std::set<std::string> keys_of(const json& a, const json& b)
{
  std::set<std::string> keys;
  for (const json* object : {&a, &b}) {
    for (const auto& item : object->items()) {
      keys.insert(item.key());
    }
  }
  return keys;
}

std::string child_pointer(const std::string& pointer,
                          std::optional<std::size_t> index)
{
  return index ? pointer_append(pointer, std::to_string(*index)) : "";
}

class FlowDiff {
public:
  explicit FlowDiff(const DiffOptions& options) : m_options(options) {}

  // nullptr is an absent value; null array elements are values.
  void compare(const json* desired, const json* live, const Location& at)
  {
    if (!desired || !live) {
      record_presence(desired, live, at);
      return;
    }
    if (identical(*desired, *live)) {
      return;
    }

    const bool comparable = same_kind(*desired, *live);
    if (comparable && desired->is_object()) {
      compare_objects(*desired, *live, at);
    } else if (comparable && desired->is_array()) {
      compare_arrays(*desired, *live, at);
    } else if (!comparable || !same_scalar(*desired, *live)) {
      record(Op::replace, at, live, desired);
    }
  }

  std::vector<Change> take_changes() { return std::move(m_changes); }

private:
  void compare_objects(const json& desired, const json& live,
                       const Location& at)
  {
    for (const std::string& key : keys_of(desired, live)) {
      const Location child{display_member(at.path, key),
                           pointer_append(at.desired_pointer, key),
                           pointer_append(at.live_pointer, key)};
      compare(member(&desired, key), member(&live, key), child);
    }
  }

  void compare_arrays(const json& desired, const json& live, const Location& at)
  {
    const auto key = list_key_for(m_options, at.desired_pointer);
    for (const ElementMatch& match : match_elements(desired, live, key)) {
      const Location child{display_element(at.path, match.label),
                           child_pointer(at.desired_pointer, match.desired),
                           child_pointer(at.live_pointer, match.live)};
      compare(element(desired, match.desired), element(live, match.live),
              child);
    }
  }

  // A value on one side only is added or removed whole.
  void record_presence(const json* desired, const json* live,
                       const Location& at)
  {
    if (live) {
      record(Op::remove, at, live, nullptr);
    } else if (desired) {
      record(Op::add, at, nullptr, desired);
    }
  }

  void record(Op op, const Location& at, const json* before, const json* after)
  {
    Change change;
    change.path = at.path;
    change.pointer = op == Op::remove ? at.live_pointer : at.desired_pointer;
    change.op = op;
    change.before = before ? *before : json();
    change.after = after ? *after : json();
    change.sensitive =
        touches_sensitive(change.pointer) ||
        (op == Op::replace && touches_sensitive(at.live_pointer));
    m_changes.push_back(std::move(change));
  }

  bool touches_sensitive(const std::string& pointer) const
  {
    return any_pattern_covers(m_options.sensitive, pointer) ||
           any_pattern_within(m_options.sensitive, pointer);
  }

  const DiffOptions& m_options;
  std::vector<Change> m_changes;
};

// The field a change belongs to: the first token of its pointer.
std::set<std::string> changed_fields(const std::vector<Change>& changes)
{
  std::set<std::string> fields;
  for (const Change& change : changes) {
    const auto tokens = pointer_tokens(change.pointer);
    if (!tokens.empty()) {
      fields.insert(tokens.front());
    }
  }
  return fields;
}

} // namespace

std::string_view to_string(Op op)
{
  switch (op) {
  case Op::add:
    return "add";
  case Op::remove:
    return "remove";
  case Op::replace:
    return "replace";
  }
  return "replace";
}

std::optional<Op> op_from_string(std::string_view text)
{
  for (const Op op : {Op::add, Op::remove, Op::replace}) {
    if (to_string(op) == text) {
      return op;
    }
  }
  return std::nullopt;
}

bool is_server_managed(std::string_view field)
{
  return std::find(k_server_managed.begin(), k_server_managed.end(), field) !=
         k_server_managed.end();
}

std::vector<Change> diff_flow(const json& desired, const json& live,
                              const DiffOptions& options)
{
  FlowDiff diff(options);
  if (!desired.is_object()) {
    return {};
  }

  for (const auto& item : desired.items()) {
    const std::string& field = item.key();
    if (is_server_managed(field)) {
      continue;
    }
    const std::string pointer = pointer_append("", field);
    const json* live_value = member(&live, field);
    const auto sent =
        overlay_ignored(member(&desired, field), live_value, pointer, options);
    const Location at{display_member("", field), pointer, pointer};
    diff.compare(sent ? &*sent : nullptr, live_value, at);
  }
  return diff.take_changes();
}

json build_put_body(const json& desired, const json& live,
                    const std::vector<Change>& changes,
                    const DiffOptions& options)
{
  json body = json::object();
  for (const std::string& field : changed_fields(changes)) {
    if (is_server_managed(field) || !desired.contains(field)) {
      continue;
    }
    // A field the file sets to null has no value to send but null itself.
    auto sent = overlay_ignored(member(&desired, field), member(&live, field),
                                pointer_append("", field), options);
    body[field] = sent ? std::move(*sent) : json();
  }
  return body;
}

json redact(const json& value, const std::string& pointer,
            const std::vector<std::string>& sensitive,
            const std::function<json(const json&)>& replacement)
{
  if (any_pattern_covers(sensitive, pointer)) {
    return replacement(value);
  }
  if (!any_pattern_within(sensitive, pointer)) {
    return value;
  }

  json result = value;
  if (value.is_object()) {
    for (const auto& item : value.items()) {
      result[item.key()] =
          redact(item.value(), pointer_append(pointer, item.key()), sensitive,
                 replacement);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      result[i] = redact(value[i], pointer_append(pointer, std::to_string(i)),
                         sensitive, replacement);
    }
  }
  return result;
}

} // namespace flowctl::diff
