#pragma once

#include <string>
#include <string_view>

namespace flowctl::diff {

// SHA-256 (FIPS 180-4) of `bytes`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace flowctl::diff
