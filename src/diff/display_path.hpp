#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace flowctl::diff {

// Matches [A-Za-z_][A-Za-z0-9_]*.
bool is_identifier(std::string_view text);

// `text` as a JSON string literal.
std::string json_quoted(std::string_view text);

// path.key, or path["key"] when the key is not an identifier.
std::string display_member(const std::string& path, std::string_view key);

// path[label]
std::string display_element(const std::string& path, std::string_view label);

// How a list key's value reads inside brackets: 3, email, "two words".
std::string key_value_label(const nlohmann::json& value);

} // namespace flowctl::diff
