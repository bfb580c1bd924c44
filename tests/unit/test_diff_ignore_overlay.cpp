#include "diff/ignore_overlay.hpp"

#include <doctest/doctest.h>

using namespace flowctl::diff;
using nlohmann::json;

namespace {

std::optional<json> overlay(const char* desired, const char* live,
                            const std::vector<std::string>& ignore)
{
  DiffOptions options;
  options.ignore = ignore;
  const json d = json::parse(desired);
  const json l = json::parse(live);
  return overlay_ignored(&d, &l, "/configuration", options);
}

} // namespace

TEST_CASE("without ignore patterns the desired value is kept as is")
{
  CHECK(overlay(R"({"a":null,"b":1})", R"({"b":2})", {}) ==
        json::parse(R"({"a":null,"b":1})"));
}

TEST_CASE("a covered value comes from live")
{
  CHECK(overlay(R"({"a":1})", R"({"a":2})", {"/configuration"}) ==
        json::parse(R"({"a":2})"));
  CHECK(overlay(R"({"a":1,"b":1})", R"({"a":2})", {"/configuration/a"}) ==
        json::parse(R"({"a":2,"b":1})"));
}

TEST_CASE("a covered value live lacks is absent")
{
  DiffOptions options;
  options.ignore = {"/configuration"};
  const json desired = json::parse(R"({"a":1})");
  CHECK_FALSE(overlay_ignored(&desired, nullptr, "/configuration", options));
}

TEST_CASE("when desired lacks a subtree only its ignored parts come back")
{
  CHECK(overlay("{}", R"({"a":{"keep":1,"drop":2}})",
                {"/configuration/a/keep"}) ==
        json::parse(R"({"a":{"keep":1}})"));
  CHECK(overlay("{}", R"({"a":{"drop":2}})", {"/configuration/a/keep"}) ==
        json::object());
}

TEST_CASE("an ignored path under a scalar the file writes is not forced in")
{
  CHECK(overlay(R"({"a":"text"})", R"({"a":{"b":1}})",
                {"/configuration/a/b"}) == json::parse(R"({"a":"text"})"));
}

TEST_CASE("array elements pair by index when no key is named")
{
  CHECK(overlay(R"({"t":[{"s":1,"n":1},{"s":2}]})", R"({"t":[{"s":9}]})",
                {"/configuration/t/*/s"}) ==
        json::parse(R"({"t":[{"s":9,"n":1},{}]})"));
}

TEST_CASE("a desired element a pattern covers whole follows live")
{
  CHECK(overlay(R"({"t":["a","b","c"]})", R"({"t":["x"]})",
                {"/configuration/t/1"}) == json::parse(R"({"t":["a","c"]})"));
}

TEST_CASE("live elements come back only when covered whole")
{
  CHECK(overlay(R"({"t":[]})", R"({"t":[{"s":1}]})",
                {"/configuration/t/*/s"}) == json::parse(R"({"t":[]})"));
  CHECK(overlay(R"({"t":[]})", R"({"t":[{"s":1}]})", {"/configuration/t/*"}) ==
        json::parse(R"({"t":[{"s":1}]})"));
}

TEST_CASE("covered elements are dropped when live has no array there")
{
  CHECK(overlay(R"({"t":["a","b"]})", R"({"t":"text"})",
                {"/configuration/t/0"}) == json::parse(R"({"t":["b"]})"));
  CHECK(overlay(R"({"t":[{"s":1,"n":2}]})", "{}", {"/configuration/t/*/s"}) ==
        json::parse(R"({"t":[{"n":2}]})"));
}
