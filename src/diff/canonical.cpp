#include "diff/canonical.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace flowctl::diff {

namespace {

using nlohmann::json;

void write_value(const json& value, std::string& out);

// Whether JSON writes `c` as it is: printable ASCII other than the quote
// and the backslash.
bool plain_ascii(char c)
{
  return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

void write_string(const std::string& text, std::string& out)
{
  // Most text needs no escaping and is copied as it is, which is what the
  // serializer below would write for it.
  if (std::all_of(text.begin(), text.end(), plain_ascii)) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  // Invalid UTF-8 must not stop a digest; it is replaced, not rejected.
  out += json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string number_text(const json& number)
{
  if (number.is_number_unsigned()) {
    return std::to_string(number.get<std::uint64_t>());
  }
  if (number.is_number_integer()) {
    return std::to_string(number.get<std::int64_t>());
  }

  const double value = number.get<double>();
  const bool integral = std::isfinite(value) && std::trunc(value) == value;
  if (integral && value >= -0x1p63 && value < 0) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  if (integral && value >= 0 && value < 0x1p64) {
    return std::to_string(static_cast<std::uint64_t>(value));
  }
  // No integer type reaches these values, so the shortest round-trip text
  // nlohmann writes is already the only text for them.
  return number.dump();
}

void write_object(const json& object, std::string& out)
{
  out += '{';
  bool first = true;
  for (const auto& member : object.items()) {
    if (member.value().is_null()) {
      continue;
    }
    if (!first) {
      out += ',';
    }
    first = false;
    write_string(member.key(), out);
    out += ':';
    write_value(member.value(), out);
  }
  out += '}';
}

void write_array(const json& array, std::string& out)
{
  out += '[';
  bool first = true;
  for (const json& element : array) {
    if (!first) {
      out += ',';
    }
    first = false;
    write_value(element, out);
  }
  out += ']';
}

void write_value(const json& value, std::string& out)
{
  if (value.is_object()) {
    write_object(value, out);
  } else if (value.is_array()) {
    write_array(value, out);
  } else if (value.is_string()) {
    write_string(value.get_ref<const std::string&>(), out);
  } else if (value.is_number()) {
    out += number_text(value);
  } else {
    out += value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

} // namespace

std::string canonical_dump(const nlohmann::json& value)
{
  std::string out;
  write_value(value, out);
  return out;
}

std::string digest(const nlohmann::json& value)
{
  return "sha256:" + sha256_hex(canonical_dump(value));
}

std::string keyed_digest(std::string_view key, const nlohmann::json& value)
{
  return "hmac-sha256:" + hmac_sha256_hex(key, canonical_dump(value));
}

} // namespace flowctl::diff
