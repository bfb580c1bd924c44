#include "plan/digest_key.hpp"

#include "diff/canonical.hpp"

namespace flowctl::plan {

namespace {

std::string& key()
{
  static std::string value;
  return value;
}

} // namespace

void set_digest_key(std::string value)
{
  key() = std::move(value);
}

std::string content_digest(const nlohmann::json& value)
{
  return diff::keyed_digest(key(), value);
}

std::string digest_key_id()
{
  return diff::keyed_digest(key(), "flowctl digest key id");
}

} // namespace flowctl::plan
