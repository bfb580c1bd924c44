#include "desired/interpolation.hpp"

#include <doctest/doctest.h>

using flowctl::desired::EnvLookup;
using flowctl::desired::interpolate;
using nlohmann::json;

namespace {

const std::map<std::string, std::string> k_vars{{"host", "example.com"},
                                                {"dollar", "${env:X}"}};

const EnvLookup k_env =
    [](const std::string& name) -> std::optional<std::string> {
  if (name == "TOKEN") {
    return "t0k3n";
  }
  return std::nullopt;
};

} // namespace

TEST_CASE("references are replaced inside longer strings")
{
  json document{{"url", "https://${var:host}/a?k=${env:TOKEN}&h=${var:host}"}};
  const auto result = interpolate(document, {k_vars, k_env});
  CHECK(result.errors.empty());
  CHECK(document["url"] == "https://example.com/a?k=t0k3n&h=example.com");
  CHECK(result.sensitive_pointers == std::vector<std::string>{"/url"});
}

TEST_CASE("a substituted value is not interpolated again")
{
  json document{{"a", "${var:dollar}"}};
  const auto result = interpolate(document, {k_vars, k_env});
  CHECK(result.errors.empty());
  CHECK(document["a"] == "${env:X}");
  CHECK(result.sensitive_pointers.empty());
}

TEST_CASE("keys and non-string values are left alone")
{
  json document{{"${var:host}", 1}, {"list", {true, nullptr, 2.5}}};
  const json before = document;
  const auto result = interpolate(document, {k_vars, k_env});
  CHECK(result.errors.empty());
  CHECK(document == before);
}

TEST_CASE("each reference is placed at its own pointer, siblings included")
{
  json document{{"a", "${env:TOKEN}"},
                {"b", {{"c/d", {"x", "${env:TOKEN}"}}, {"e", "${env:TOKEN}"}}},
                {"f", "${env:TOKEN}"}};
  const auto result = interpolate(document, {k_vars, k_env});
  CHECK(result.errors.empty());
  CHECK(result.sensitive_pointers ==
        std::vector<std::string>{"/a", "/b/c~1d/1", "/b/e", "/f"});
}

TEST_CASE("errors carry the pointer of the string")
{
  json document{{"a", {{"b~c", {"${env:MISSING}"}}}}};
  const auto result = interpolate(document, {k_vars, k_env});
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].pointer == "/a/b~0c/0");
  CHECK(result.errors[0].message ==
        "environment variable 'MISSING' is not set");
  CHECK(result.sensitive_pointers == std::vector<std::string>{"/a/b~0c/0"});
}

TEST_CASE("a lone dollar and $$ without a brace stay as written")
{
  json document{{"a", "$ $$ $x $${y} $"}};
  const auto result = interpolate(document, {k_vars, k_env});
  CHECK(result.errors.empty());
  CHECK(document["a"] == "$ $$ $x ${y} $");
}

TEST_CASE("with allow_unset_env an unset variable is a note, not an error")
{
  json document{{"a", "x ${env:MISSING} ${var:nope}"}, {"b", "${env:TOKEN}"}};
  const auto result = interpolate(document, {k_vars, k_env, true});
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].message == "variable 'nope' is not defined in vars");
  REQUIRE(result.unset.size() == 1);
  CHECK(result.unset[0].pointer == "/a");
  CHECK(result.unset[0].message == "environment variable 'MISSING' is not set");
  CHECK(result.unresolved_pointers == std::vector<std::string>{"/a"});
  CHECK(document["b"] == "t0k3n");
}
