#include "diff/element_match.hpp"

#include <doctest/doctest.h>

using namespace flowctl::diff;
using nlohmann::json;

namespace {

using Index = std::optional<std::size_t>;

void check_match(const ElementMatch& match, Index desired, Index live,
                 const std::string& label)
{
  CHECK(match.desired == desired);
  CHECK(match.live == live);
  CHECK(match.label == label);
}

} // namespace

TEST_CASE("without a key elements pair by index")
{
  const auto matches =
      match_elements(json::parse("[1,2,3]"), json::parse("[1]"), std::nullopt);
  REQUIRE(matches.size() == 3);
  check_match(matches[0], 0, 0, "0");
  check_match(matches[1], 1, std::nullopt, "1");
  check_match(matches[2], 2, std::nullopt, "2");
}

TEST_CASE("live elements past the desired ones pair with nothing")
{
  const auto matches =
      match_elements(json::parse("[]"), json::parse("[1,2]"), std::nullopt);
  REQUIRE(matches.size() == 2);
  check_match(matches[0], std::nullopt, 0, "0");
  check_match(matches[1], std::nullopt, 1, "1");
}

TEST_CASE("with a key elements pair by its value in desired order")
{
  const json desired = json::parse(R"([{"order":2},{"order":1},{"order":4}])");
  const json live = json::parse(R"([{"order":1},{"order":3},{"order":2}])");
  const auto matches = match_elements(desired, live, "order");
  REQUIRE(matches.size() == 4);
  check_match(matches[0], 0, 2, "order=2");
  check_match(matches[1], 1, 0, "order=1");
  check_match(matches[2], 2, std::nullopt, "order=4");
  check_match(matches[3], std::nullopt, 1, "order=3");
}

TEST_CASE("key values compare as numbers by value")
{
  const auto matches = match_elements(json::parse(R"([{"order":1.0}])"),
                                      json::parse(R"([{"order":1}])"), "order");
  REQUIRE(matches.size() == 1);
  check_match(matches[0], 0, 0, "order=1");
}

TEST_CASE("a string key value does not pair with a number")
{
  const auto matches = match_elements(json::parse(R"([{"order":"1"}])"),
                                      json::parse(R"([{"order":1}])"), "order");
  REQUIRE(matches.size() == 2);
  check_match(matches[0], 0, std::nullopt, R"(order="1")");
  check_match(matches[1], std::nullopt, 0, "order=1");
}

TEST_CASE("an element lacking the key falls back to index")
{
  const json desired = json::parse(R"([{"order":2},{"name":"x"}])");
  const json live = json::parse(R"([{"order":1},{"order":2}])");
  const auto matches = match_elements(desired, live, "order");
  REQUIRE(matches.size() == 2);
  check_match(matches[0], 0, 0, "0");
  check_match(matches[1], 1, 1, "1");
}

TEST_CASE("a null or structured key counts as lacking")
{
  const json live = json::parse(R"([{"order":1}])");
  CHECK(match_elements(json::parse(R"([{"order":null}])"), live, "order")
            .front()
            .label == "0");
  CHECK(match_elements(json::parse(R"([{"order":[1]}])"), live, "order")
            .front()
            .label == "0");
  CHECK(match_elements(json::parse("[1]"), live, "order").front().label == "0");
}

TEST_CASE("a duplicate key on either side falls back to index")
{
  const json unique = json::parse(R"([{"order":1},{"order":2}])");
  const json twice = json::parse(R"([{"order":1},{"order":1}])");
  CHECK(match_elements(twice, unique, "order").front().label == "0");
  CHECK(match_elements(unique, twice, "order").front().label == "0");
}

TEST_CASE("list keys are found by field name or by pointer pattern")
{
  DiffOptions options;
  options.list_keys = {{"steps", "order"},
                       {"/configuration/webhooks", "name"},
                       {"/steps/*/checks", "kind"}};
  CHECK(list_key_for(options, "/steps") == "order");
  CHECK(list_key_for(options, "/configuration/webhooks") == "name");
  CHECK(list_key_for(options, "/steps/3/checks") == "kind");
  CHECK_FALSE(list_key_for(options, "/configuration/steps"));
  CHECK_FALSE(list_key_for(options, "/tags"));
}

TEST_CASE("steps are keyed by order unless told otherwise")
{
  CHECK(list_key_for(DiffOptions{}, "/steps") == "order");
}

TEST_CASE("a member that is null or missing reads as absent")
{
  const json object = json::parse(R"({"a":1,"b":null})");
  REQUIRE(member(&object, "a"));
  CHECK(*member(&object, "a") == 1);
  CHECK_FALSE(member(&object, "b"));
  CHECK_FALSE(member(&object, "c"));
  CHECK_FALSE(member(nullptr, "a"));
  const json array = json::parse("[null]");
  CHECK_FALSE(member(&array, "a"));
  REQUIRE(element(array, 0));
  CHECK(element(array, 0)->is_null());
  CHECK_FALSE(element(array, 1));
  CHECK_FALSE(element(array, std::nullopt));
}
