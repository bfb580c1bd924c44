#include "desired/suggestion.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using flowctl::desired::closest_match;
using flowctl::desired::edit_distance;

namespace {

const std::vector<std::string> k_fields{
    "id", "extends", "name", "description", "status", "configuration", "steps"};

} // namespace

TEST_CASE("edit distance counts a swap of neighbours as one edit")
{
  CHECK(edit_distance("status", "status") == 0);
  CHECK(edit_distance("stauts", "status") == 1);
  CHECK(edit_distance("nme", "name") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("a likely typo gets the closest known field")
{
  CHECK(closest_match("stauts", k_fields) == "status");
  CHECK(closest_match("descripton", k_fields) == "description");
  CHECK(closest_match("step", k_fields) == "steps");
  CHECK(closest_match("Name", k_fields) == "name");
  CHECK(closest_match("configuraiton", k_fields) == "configuration");
}

TEST_CASE("a word far from every field gets no suggestion")
{
  CHECK_FALSE(closest_match("zzz", k_fields));
  CHECK_FALSE(closest_match("priority", k_fields));
  CHECK_FALSE(closest_match("x", k_fields));
}
