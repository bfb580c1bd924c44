#include "plan/packed_json.hpp"

#include <doctest/doctest.h>

using flowctl::plan::PackedJson;
using nlohmann::json;

TEST_CASE("a packed value reads back with the same values and types")
{
  const auto value = json::parse(R"({"a": 1, "b": 1.5, "c": -0.0,
    "d": 18446744073709551615, "e": "\u00e9\u0001", "f": [null, true, {}],
    "g": {"h": []}})");
  PackedJson packed;
  packed.set(value);
  const auto back = packed.value();
  CHECK(back == value);
  CHECK(back["a"].is_number_integer());
  CHECK(back["b"].is_number_float());
  CHECK(back["d"].is_number_unsigned());
}

TEST_CASE("an empty packed value is an empty object")
{
  CHECK(PackedJson().value() == json::object());
}
