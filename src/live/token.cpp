#include "live/token.hpp"

#include <cstdlib>

namespace flowctl::live {

std::optional<std::string> read_token(const std::string& env_name)
{
  if (env_name.empty()) {
    return std::nullopt;
  }
  const char* value = std::getenv(env_name.c_str());
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

} // namespace flowctl::live
