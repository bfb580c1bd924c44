#include "desired/flow_writer.hpp"

#include <array>
#include <regex>
#include <sstream>

namespace flowctl::desired {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 5> k_field_order{
    "name", "description", "status", "configuration", "steps"};

bool is_plain_key(const std::string& key)
{
  static const std::regex plain("[A-Za-z_][A-Za-z0-9_-]*");
  static const std::regex reserved(
      "(true|True|TRUE|false|False|FALSE|null|Null|NULL|"
      "yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)");
  return std::regex_match(key, plain) && !std::regex_match(key, reserved);
}

std::string key_text(const std::string& key)
{
  return is_plain_key(key) ? key : json(key).dump();
}

// A scalar, or an empty container, as JSON text: JSON is valid YAML and
// reads back with the same types.
bool is_inline(const json& value)
{
  return !value.is_structured() || value.empty();
}

// The inline value as it must appear in a flow file. A live string that
// holds `${` would read back as a reference, so each one is written `$${`,
// which the loader turns back into `${`.
std::string inline_text(const json& value)
{
  if (!value.is_string()) {
    return value.dump();
  }
  const auto& text = value.get_ref<const std::string&>();
  std::string escaped;
  std::size_t from = 0;
  for (auto at = text.find("${"); at != std::string::npos;
       at = text.find("${", from)) {
    escaped.append(text, from, at - from).append("$${");
    from = at + 2;
  }
  escaped.append(text, from);
  return json(escaped).dump();
}

void write_value(std::ostringstream& out, const json& value, int indent);

void write_object(std::ostringstream& out, const json& object, int indent)
{
  std::string pad(static_cast<std::size_t>(indent), ' ');
  for (const auto& [key, value] : object.items()) {
    out << pad << key_text(key) << ":";
    if (is_inline(value)) {
      out << " " << inline_text(value) << "\n";
    } else {
      out << "\n";
      write_value(out, value, indent + 2);
    }
  }
}

void write_array(std::ostringstream& out, const json& array, int indent)
{
  std::string pad(static_cast<std::size_t>(indent), ' ');
  for (const auto& item : array) {
    if (is_inline(item)) {
      out << pad << "- " << inline_text(item) << "\n";
      continue;
    }
    // Write the item one level deeper, then put the dash in front of its
    // first line so nested blocks stay aligned.
    std::ostringstream nested;
    write_value(nested, item, indent + 2);
    auto text = nested.str();
    text.replace(static_cast<std::size_t>(indent), 2, "- ");
    out << text;
  }
}

void write_value(std::ostringstream& out, const json& value, int indent)
{
  if (value.is_object()) {
    write_object(out, value, indent);
  } else {
    write_array(out, value, indent);
  }
}

} // namespace

std::string write_flow_yaml(const json& flow, const std::string& schema_path)
{
  std::ostringstream out;
  out << "# yaml-language-server: $schema=" << schema_path << "\n";
  out << "id: " << json(flow.value("_id", "")).dump() << "\n";

  auto ordered = json::object();
  for (const char* name : k_field_order) {
    if (flow.contains(name) && !flow[name].is_null()) {
      ordered[name] = flow[name];
    }
  }
  // Fields are written in the fixed order, not the object's sorted order.
  for (const char* name : k_field_order) {
    if (!ordered.contains(name)) {
      continue;
    }
    json single = json::object();
    single[name] = ordered[name];
    write_object(out, single, 0);
  }
  return out.str();
}

std::string flow_file_name(const std::string& id)
{
  static const std::regex safe("[A-Za-z0-9_-]{1,128}");
  if (!std::regex_match(id, safe)) {
    return "";
  }
  return id + ".yaml";
}

} // namespace flowctl::desired
