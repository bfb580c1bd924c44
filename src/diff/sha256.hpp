#pragma once

#include <string>
#include <string_view>

namespace flowctl::diff {

// SHA-256 (FIPS 180-4) of `bytes`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// HMAC-SHA256 (RFC 2104) of `message` under `key`, as 64 lowercase hex
// digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

} // namespace flowctl::diff
