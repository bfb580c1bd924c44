#include "diff/diff.hpp"

#include <doctest/doctest.h>

using namespace flowctl::diff;
using nlohmann::json;

namespace {

json mask(const json&)
{
  return "(sensitive)";
}

} // namespace

TEST_CASE("a value at a sensitive pointer is replaced whole")
{
  const std::vector<std::string> sensitive{"/configuration/webhook/secret"};
  CHECK(redact("s3cret", "/configuration/webhook/secret", sensitive, mask) ==
        "(sensitive)");
}

TEST_CASE("a value under a sensitive pattern is replaced whole")
{
  const std::vector<std::string> sensitive{"/configuration/webhook"};
  CHECK(redact(json::parse(R"({"k":1})"), "/configuration/webhook/headers",
               sensitive, mask) == "(sensitive)");
}

TEST_CASE("only the sensitive parts inside a value are replaced")
{
  const std::vector<std::string> sensitive{"/configuration/webhook/secret"};
  const json value =
      json::parse(R"({"webhook":{"secret":"s","url":"u"},"other":"o"})");
  CHECK(redact(value, "/configuration", sensitive, mask) ==
        json::parse(R"j({"webhook":{"secret":"(sensitive)","url":"u"},
                         "other":"o"})j"));
}

TEST_CASE("a star pattern redacts every array element that matches")
{
  const std::vector<std::string> sensitive{"/steps/*/config/apiKey"};
  const json steps = json::parse(R"([{"config":{"apiKey":"a","n":1}},
                                     {"config":{"n":2}},
                                     {"config":{"apiKey":"b"}}])");
  CHECK(redact(steps, "/steps", sensitive, mask) ==
        json::parse(R"j([{"config":{"apiKey":"(sensitive)","n":1}},
                         {"config":{"n":2}},
                         {"config":{"apiKey":"(sensitive)"}}])j"));
}

TEST_CASE("a value with no sensitive part is returned unchanged")
{
  const std::vector<std::string> sensitive{"/configuration/webhook/secret"};
  const json value = json::parse(R"({"a":{"secret":"visible"}})");
  CHECK(redact(value, "/steps", sensitive, mask) == value);
  CHECK(redact(value, "/steps", {}, mask) == value);
}

TEST_CASE("the replacement sees the original value")
{
  const std::vector<std::string> sensitive{"/configuration/token"};
  const auto length = [](const json& original) {
    return json(original.get<std::string>().size());
  };
  CHECK(redact(json::parse(R"({"token":"abcd"})"), "/configuration", sensitive,
               length) == json::parse(R"({"token":4})"));
}

TEST_CASE("a sensitive pattern below a scalar changes nothing")
{
  const std::vector<std::string> sensitive{"/configuration/a/b"};
  CHECK(redact(json(5), "/configuration/a", sensitive, mask) == 5);
}
