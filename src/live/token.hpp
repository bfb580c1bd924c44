#pragma once

#include <optional>
#include <string>

namespace flowctl::live {

// The bearer token held in environment variable `env_name`; nullopt when
// the variable is unset or empty. The value is never logged.
std::optional<std::string> read_token(const std::string& env_name);

} // namespace flowctl::live
