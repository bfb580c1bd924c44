#include "diff/display_path.hpp"

#include <doctest/doctest.h>

using namespace flowctl::diff;
using nlohmann::json;

TEST_CASE("identifiers are letters, digits and underscores, not led by a digit")
{
  CHECK(is_identifier("phoneVerification"));
  CHECK(is_identifier("_id"));
  CHECK(is_identifier("a1"));
  CHECK_FALSE(is_identifier("1a"));
  CHECK_FALSE(is_identifier("a.b"));
  CHECK_FALSE(is_identifier("a-b"));
  CHECK_FALSE(is_identifier(""));
}

TEST_CASE("identifier keys join with dots")
{
  CHECK(display_member("", "status") == "status");
  CHECK(display_member("configuration", "phoneVerification") ==
        "configuration.phoneVerification");
}

TEST_CASE("other keys are shown quoted in brackets")
{
  CHECK(display_member("configuration", "a.b") == R"(configuration["a.b"])");
  CHECK(display_member("", "x-y") == R"(["x-y"])");
  CHECK(display_member("c", "say \"hi\"") == R"(c["say \"hi\""])");
}

TEST_CASE("elements are shown in brackets")
{
  CHECK(display_element("tags", "2") == "tags[2]");
  CHECK(display_element("steps", "order=3") == "steps[order=3]");
}

TEST_CASE("list key values read bare unless that would be ambiguous")
{
  CHECK(key_value_label(json(3)) == "3");
  CHECK(key_value_label(json(3.0)) == "3");
  CHECK(key_value_label(json(true)) == "true");
  CHECK(key_value_label(json("email")) == "email");
  CHECK(key_value_label(json("3")) == R"("3")");
  CHECK(key_value_label(json("true")) == R"("true")");
  CHECK(key_value_label(json("two words")) == R"("two words")");
}
