#include "diff/json_depth.hpp"

#include <doctest/doctest.h>

#include <string>

using flowctl::diff::nested_deeper_than;

TEST_CASE("nesting is counted over arrays and objects alike")
{
  CHECK_FALSE(nested_deeper_than("", 0));
  CHECK_FALSE(nested_deeper_than("1", 0));
  CHECK(nested_deeper_than("[]", 0));
  CHECK_FALSE(nested_deeper_than(R"({"a":[{"b":[]}]})", 4));
  CHECK(nested_deeper_than(R"({"a":[{"b":[]}]})", 3));
  // Siblings do not add up.
  CHECK_FALSE(nested_deeper_than("[[],[],{},[[]]]", 3));
}

TEST_CASE("brackets inside strings are text, escaped quotes included")
{
  CHECK_FALSE(nested_deeper_than(R"(["[[[[{{{{"])", 1));
  CHECK_FALSE(nested_deeper_than(R"(["\"[[[[", "\\"])", 1));
  CHECK(nested_deeper_than(R"(["\\", [[]]])", 2));
}

TEST_CASE("a deep document is found without parsing it")
{
  const std::string deep(100000, '[');
  CHECK(nested_deeper_than(deep, 128));
  CHECK_FALSE(nested_deeper_than(
      std::string(128, '[') + "1" + std::string(128, ']'), 128));
}
