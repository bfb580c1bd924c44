#include "desired/schema_validator.hpp"

#include "desired/embedded_schemas.hpp"
#include "desired/suggestion.hpp"
#include "diff/display_path.hpp"
#include "diff/json_path.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <exception>
#include <set>

namespace flowctl::desired {
namespace {

using nlohmann::json;

// Where one failure points, in the document and in the schema.
struct Location {
  std::string pointer;
  std::string path; // for people: steps[0].order
  const json* value = nullptr;
  const json* schema = nullptr;
  // The value came from the environment and must not be shown.
  bool hidden = false;
};

const json* find_member(const json* object, const std::string& key)
{
  if (object == nullptr || !object->is_object()) {
    return nullptr;
  }
  const auto found = object->find(key);
  return found == object->end() ? nullptr : &*found;
}

// Follows local references such as "#/definitions/step".
const json* resolve_ref(const json& root, const json* node)
{
  for (int hops = 0; hops < 32; ++hops) {
    const json* ref = find_member(node, "$ref");
    if (ref == nullptr || !ref->is_string()) {
      return node;
    }
    const auto& text = ref->get_ref<const std::string&>();
    if (!text.starts_with("#")) {
      return nullptr;
    }
    const json::json_pointer target(text.substr(1));
    if (!root.contains(target)) {
      return nullptr;
    }
    node = &root.at(target);
  }
  return nullptr;
}

const json* member_schema(const json& root, const json* schema,
                          const std::string& key)
{
  if (const json* member =
          find_member(find_member(schema, "properties"), key)) {
    return resolve_ref(root, member);
  }
  const json* additional = find_member(schema, "additionalProperties");
  if (additional != nullptr && additional->is_object()) {
    return resolve_ref(root, additional);
  }
  return nullptr;
}

const json* item_schema(const json& root, const json* schema)
{
  const json* items = find_member(schema, "items");
  return items != nullptr && items->is_object() ? resolve_ref(root, items)
                                                : nullptr;
}

std::string unbracket(const std::string& token)
{
  if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
    return token.substr(1, token.size() - 2);
  }
  return token;
}

// valijson names places as "<root>", "[steps]", "[0]": whether "[0]" is an
// index or a key depends on the document, so the walk follows it.
Location locate(const json& schema, const json& document,
                const std::vector<std::string>& context)
{
  Location where{"", "", &document, resolve_ref(schema, &schema)};
  for (std::size_t i = 1; i < context.size(); ++i) {
    const std::string token = unbracket(context[i]);
    where.pointer = diff::pointer_append(where.pointer, token);
    if (where.value != nullptr && where.value->is_array()) {
      const auto index = std::stoul(token);
      where.path = diff::display_element(where.path, token);
      where.value =
          index < where.value->size() ? &(*where.value)[index] : nullptr;
      where.schema = item_schema(schema, where.schema);
    } else {
      where.path = diff::display_member(where.path, token);
      where.value = find_member(where.value, token);
      where.schema = member_schema(schema, where.schema, token);
    }
  }
  return where;
}

std::string prefix(const Location& where)
{
  return where.path.empty() ? "" : where.path + ": ";
}

std::string type_name(const json& value)
{
  switch (value.type()) {
  case json::value_t::null:
    return "null";
  case json::value_t::boolean:
    return "boolean";
  case json::value_t::number_integer:
  case json::value_t::number_unsigned:
    return "integer";
  case json::value_t::number_float:
    return "number";
  case json::value_t::string:
    return "string";
  case json::value_t::array:
    return "array";
  default:
    return "object";
  }
}

std::string shown(const Location& where)
{
  if (where.hidden) {
    return "(sensitive)";
  }
  if (where.value == nullptr) {
    return "the value";
  }
  return where.value->dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string joined(const json& list, const std::string& separator)
{
  std::string text;
  for (const auto& item : list) {
    if (!text.empty()) {
      text += separator;
    }
    text += item.is_string() ? item.get<std::string>() : item.dump();
  }
  return text;
}

std::string lowercase(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

// YAML 1.1 habits that the core schema reads as strings.
std::string type_hint(const std::string& expected, const json& value)
{
  if (expected == "string" && !value.is_structured() && !value.is_null()) {
    return " (quote it to keep it a string)";
  }
  static const std::set<std::string> old_booleans{"yes", "no", "on",
                                                  "off", "y",  "n"};
  if (expected == "boolean" && value.is_string() &&
      old_booleans.contains(lowercase(value.get<std::string>()))) {
    return " (write true or false)";
  }
  return "";
}

std::string type_message(const Location& where)
{
  const json* types = find_member(where.schema, "type");
  std::string expected = "another type";
  if (types != nullptr) {
    expected =
        types->is_array() ? joined(*types, " or ") : joined({*types}, "");
  }
  if (where.value == nullptr) {
    return prefix(where) + "expected " + expected;
  }
  const json& value = *where.value;
  std::string got = type_name(value);
  if (!value.is_structured() && !value.is_null()) {
    got += " " + shown(where);
  }
  const auto hint = where.hidden ? "" : type_hint(expected, value);
  return prefix(where) + "expected " + expected + ", got " + got + hint;
}

std::string enum_message(const Location& where)
{
  const json* choices = find_member(where.schema, "enum");
  return prefix(where) + shown(where) + " is not one of " +
         (choices != nullptr ? joined(*choices, ", ") : "the allowed values");
}

// A keyword's value as written in the schema: 1, ^/
std::string schema_keyword(const Location& where, const char* keyword)
{
  const json* value = find_member(where.schema, keyword);
  if (value == nullptr) {
    return "?";
  }
  return value->is_string() ? value->get<std::string>() : value->dump();
}

std::string size_message(const Location& where, const char* keyword,
                         const char* unit)
{
  const std::string least = schema_keyword(where, keyword);
  if (least == "1") {
    return prefix(where) + "must not be empty";
  }
  return prefix(where) + "must have at least " + least + " " + unit;
}

void add_unknown_members(const Location& where, std::vector<ValueError>& errors)
{
  if (where.value == nullptr || !where.value->is_object()) {
    return;
  }
  std::vector<std::string> known;
  if (const json* properties = find_member(where.schema, "properties")) {
    for (const auto& item : properties->items()) {
      known.push_back(item.key());
    }
  }
  for (const auto& item : where.value->items()) {
    if (std::find(known.begin(), known.end(), item.key()) != known.end()) {
      continue;
    }
    std::string message = prefix(where) + "unknown field '" + item.key() + "'";
    if (auto guess = closest_match(item.key(), known)) {
      message += " (did you mean '" + *guess + "'?)";
    }
    errors.push_back(
        {diff::pointer_append(where.pointer, item.key()), message, true});
  }
}

std::string quoted_name(const std::string& description)
{
  const auto first = description.find('\'');
  const auto last = description.rfind('\'');
  if (first == std::string::npos || last <= first) {
    return description;
  }
  return description.substr(first + 1, last - first - 1);
}

// Words one valijson failure; summaries of failures below ("Failed to
// validate item #2") add nothing and are left out.
void phrase(const Location& where, const std::string& description,
            std::vector<ValueError>& errors)
{
  auto add = [&](std::string message) {
    errors.push_back({where.pointer, std::move(message), false});
  };
  if (description.starts_with("Failed to validate")) {
    return;
  }
  if (description.starts_with("Object contains a property")) {
    add_unknown_members(where, errors);
  } else if (description.starts_with("Missing required property")) {
    add(prefix(where) + "missing required field '" + quoted_name(description) +
        "'");
  } else if (description.starts_with("Value type not permitted")) {
    add(type_message(where));
  } else if (description.starts_with("Failed to match against any enum")) {
    add(enum_message(where));
  } else if (description.starts_with("Failed to match regex")) {
    add(prefix(where) + shown(where) + " does not match the pattern " +
        schema_keyword(where, "pattern"));
  } else if (description.starts_with("Expected number greater than")) {
    add(prefix(where) + shown(where) + " is less than the minimum " +
        schema_keyword(where, "minimum"));
  } else if (description.starts_with("Expected number less than")) {
    add(prefix(where) + shown(where) + " is more than the maximum " +
        schema_keyword(where, "maximum"));
  } else if (description.starts_with("String should be no fewer")) {
    add(size_message(where, "minLength", "characters"));
  } else if (description.starts_with("Array should contain no fewer")) {
    add(size_message(where, "minItems", "items"));
  } else {
    add(prefix(where) + description);
  }
}

} // namespace

SchemaValidator::SchemaValidator(std::string_view schema_text)
{
  try {
    m_schema_json = json::parse(schema_text);
    m_schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    const valijson::adapters::NlohmannJsonAdapter adapter(m_schema_json);
    parser.populateSchema(adapter, *m_schema);
    m_validator = std::make_unique<valijson::Validator>();
  } catch (const std::exception& failure) {
    m_schema.reset();
    m_schema_error =
        std::string("built-in schema is invalid: ") + failure.what();
  }
}

SchemaValidator::~SchemaValidator() = default;

std::vector<ValueError>
SchemaValidator::validate(const nlohmann::json& document,
                          const std::vector<std::string>& hidden) const
{
  if (!m_schema) {
    return {{"", m_schema_error, false}};
  }
  valijson::ValidationResults results;
  const valijson::adapters::NlohmannJsonAdapter target(document);
  {
    const std::lock_guard<std::mutex> lock(m_validator_mutex);
    // Without results valijson stops at the first failure: the cheap pass
    // for the common case of a valid document.
    if (m_validator->validate(*m_schema, target, nullptr)) {
      return {};
    }
    m_validator->validate(*m_schema, target, &results);
  }

  std::vector<ValueError> errors;
  valijson::ValidationResults::Error failure;
  while (results.popError(failure)) {
    auto where = locate(m_schema_json, document, failure.context);
    where.hidden =
        std::find(hidden.begin(), hidden.end(), where.pointer) != hidden.end();
    phrase(where, failure.description, errors);
  }

  // One value can fail the same way along two routes through the schema.
  std::vector<ValueError> unique;
  for (auto& error : errors) {
    const bool seen =
        std::any_of(unique.begin(), unique.end(), [&](const ValueError& e) {
          return e.pointer == error.pointer && e.message == error.message;
        });
    if (!seen) {
      unique.push_back(std::move(error));
    }
  }
  return unique;
}

const SchemaValidator& project_flow_validator()
{
  static const SchemaValidator validator(k_project_flow_schema);
  return validator;
}

const SchemaValidator& config_validator()
{
  static const SchemaValidator validator(k_flowctl_config_schema);
  return validator;
}

} // namespace flowctl::desired
