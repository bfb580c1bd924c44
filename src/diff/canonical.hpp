#pragma once

#include "diff/sha256.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace flowctl::diff {

// One text per value, so equal values give equal text: object keys sorted,
// no whitespace, integral numbers written as integers whatever their type
// (1.0 and 1 both give "1"), and object members whose value is null left
// out, since a null member means the same as an absent one.
std::string canonical_dump(const nlohmann::json& value);

// "sha256:" followed by the SHA-256 of the canonical text.
std::string digest(const nlohmann::json& value);

// "hmac-sha256:" followed by the HMAC-SHA256 of the canonical text under
// `key`: a digest that cannot be checked against guesses without the key.
std::string keyed_digest(std::string_view key, const nlohmann::json& value);

} // namespace flowctl::diff
