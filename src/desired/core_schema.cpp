#include "desired/core_schema.hpp"

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace flowctl::desired {
namespace {

constexpr std::string_view k_yaml_tag_prefix = "tag:yaml.org,2002:";

bool is_decimal_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool is_octal_digit(char c)
{
  return c >= '0' && c <= '7';
}

bool is_hex_digit(char c)
{
  return is_decimal_digit(c) || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

// Walks a scalar through one of the core schema's patterns.
class Scan {
public:
  explicit Scan(std::string_view text) : m_text(text) {}

  bool done() const { return m_pos == m_text.size(); }

  bool literal(char c)
  {
    if (m_pos < m_text.size() && m_text[m_pos] == c) {
      ++m_pos;
      return true;
    }
    return false;
  }

  void optional_sign()
  {
    if (!literal('-')) {
      literal('+');
    }
  }

  // How many characters `accept` took, one after another.
  std::size_t run(bool (*accept)(char))
  {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && accept(m_text[m_pos])) {
      ++m_pos;
    }
    return m_pos - start;
  }

private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

// [-+]?[0-9]+
bool is_decimal(std::string_view text)
{
  Scan scan(text);
  scan.optional_sign();
  return scan.run(is_decimal_digit) > 0 && scan.done();
}

// 0o[0-7]+ and 0x[0-9a-fA-F]+
bool is_prefixed(std::string_view text, char letter, bool (*accept)(char))
{
  Scan scan(text);
  return scan.literal('0') && scan.literal(letter) && scan.run(accept) > 0 &&
         scan.done();
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_fixed(std::string_view text)
{
  Scan scan(text);
  scan.optional_sign();
  if (scan.literal('.')) {
    if (scan.run(is_decimal_digit) == 0) {
      return false;
    }
  } else {
    if (scan.run(is_decimal_digit) == 0) {
      return false;
    }
    if (scan.literal('.')) {
      scan.run(is_decimal_digit);
    }
  }
  if (scan.literal('e') || scan.literal('E')) {
    scan.optional_sign();
    if (scan.run(is_decimal_digit) == 0) {
      return false;
    }
  }
  return scan.done();
}

// [-+]?(\.inf|\.Inf|\.INF)
bool is_infinity(std::string_view text)
{
  if (text.starts_with('-') || text.starts_with('+')) {
    text.remove_prefix(1);
  }
  return text == ".inf" || text == ".Inf" || text == ".INF";
}

// \.nan|\.NaN|\.NAN
bool is_not_a_number(std::string_view text)
{
  return text == ".nan" || text == ".NaN" || text == ".NAN";
}

bool is_null(const std::string& text)
{
  return text.empty() || text == "~" || text == "null" || text == "Null" ||
         text == "NULL";
}

std::optional<bool> as_bool(const std::string& text)
{
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  return std::nullopt;
}

bool is_int(std::string_view text)
{
  return is_decimal(text) || is_prefixed(text, 'o', is_octal_digit) ||
         is_prefixed(text, 'x', is_hex_digit);
}

bool is_float(std::string_view text)
{
  return is_fixed(text) || is_infinity(text) || is_not_a_number(text);
}

std::string_view without_plus(std::string_view text)
{
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  return text;
}

ScalarValue parse_int(const std::string& text)
{
  std::string_view digits = without_plus(text);
  int base = 10;
  if (digits.starts_with("0o") || digits.starts_with("0x")) {
    base = digits[1] == 'o' ? 8 : 16;
    digits.remove_prefix(2);
  }
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(
      digits.data(), digits.data() + digits.size(), number, base);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return {text, "integer " + text + " does not fit in 64 bits"};
  }
  return {number, ""};
}

ScalarValue parse_float(const std::string& text)
{
  if (is_not_a_number(text)) {
    return {std::numeric_limits<double>::quiet_NaN(), ""};
  }
  std::string_view digits = without_plus(text);
  if (is_infinity(text)) {
    double infinity = std::numeric_limits<double>::infinity();
    return {digits.starts_with("-") ? -infinity : infinity, ""};
  }
  double number = 0;
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return {text, "number " + text + " is out of range"};
  }
  return {number, ""};
}

ScalarValue resolve_plain(const std::string& text)
{
  if (is_null(text)) {
    return {nullptr, ""};
  }
  if (auto flag = as_bool(text)) {
    return {*flag, ""};
  }
  if (is_int(text)) {
    return parse_int(text);
  }
  if (is_float(text)) {
    return parse_float(text);
  }
  return {text, ""};
}

ScalarValue invalid(const std::string& tag, const std::string& text)
{
  return {text, "'" + text + "' is not a valid " + short_tag(tag)};
}

ScalarValue resolve_tagged(const std::string& tag, const std::string& text)
{
  std::string_view name =
      std::string_view(tag).substr(k_yaml_tag_prefix.size());
  if (name == "str") {
    return {text, ""};
  }
  if (name == "null") {
    return is_null(text) ? ScalarValue{nullptr, ""} : invalid(tag, text);
  }
  if (name == "bool") {
    auto flag = as_bool(text);
    return flag ? ScalarValue{*flag, ""} : invalid(tag, text);
  }
  if (name == "int") {
    return is_int(text) ? parse_int(text) : invalid(tag, text);
  }
  if (name == "float") {
    return is_float(text) ? parse_float(text) : invalid(tag, text);
  }
  return {text, "unsupported tag '" + short_tag(tag) + "'"};
}

} // namespace

ScalarValue resolve_scalar(const std::string& tag, const std::string& text)
{
  if (tag == "?") {
    return resolve_plain(text);
  }
  if (tag == "!") {
    return {text, ""};
  }
  if (tag.starts_with(k_yaml_tag_prefix)) {
    return resolve_tagged(tag, text);
  }
  return {text, "unsupported tag '" + short_tag(tag) + "'"};
}

std::string short_tag(const std::string& tag)
{
  if (tag.starts_with(k_yaml_tag_prefix)) {
    return "!!" + tag.substr(k_yaml_tag_prefix.size());
  }
  return tag;
}

} // namespace flowctl::desired
