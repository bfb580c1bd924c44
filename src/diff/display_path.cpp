#include "diff/display_path.hpp"

#include "diff/canonical.hpp"

namespace flowctl::diff {

namespace {

bool is_letter(char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

} // namespace

bool is_identifier(std::string_view text)
{
  if (text.empty() || !is_letter(text[0])) {
    return false;
  }
  for (const char c : text) {
    if (!is_letter(c) && !is_digit(c)) {
      return false;
    }
  }
  return true;
}

std::string json_quoted(std::string_view text)
{
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string display_member(const std::string& path, std::string_view key)
{
  if (!is_identifier(key)) {
    return path + "[" + json_quoted(key) + "]";
  }
  if (path.empty()) {
    return std::string(key);
  }
  return path + "." + std::string(key);
}

std::string display_element(const std::string& path, std::string_view label)
{
  return path + "[" + std::string(label) + "]";
}

std::string key_value_label(const nlohmann::json& value)
{
  if (!value.is_string()) {
    return canonical_dump(value);
  }

  // Bare only when it cannot be read as a number or a literal.
  const auto& text = value.get_ref<const std::string&>();
  const bool literal = text == "true" || text == "false" || text == "null";
  if (is_identifier(text) && !literal) {
    return text;
  }
  return json_quoted(text);
}

} // namespace flowctl::diff
