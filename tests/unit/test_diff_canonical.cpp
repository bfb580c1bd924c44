#include "diff/canonical.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

using namespace flowctl::diff;
using nlohmann::json;

TEST_CASE("canonical text sorts keys and has no whitespace")
{
  const json value = json::parse(R"({ "b": 1, "a": {"d": [1, 2], "c": "x"} })");
  CHECK(canonical_dump(value) == R"({"a":{"c":"x","d":[1,2]},"b":1})");
}

TEST_CASE("key order in the source text does not change the canonical text")
{
  const json first = json::parse(R"({"name":"n","status":"active"})");
  const json second = json::parse(R"({"status":"active","name":"n"})");
  CHECK(canonical_dump(first) == canonical_dump(second));
  CHECK(digest(first) == digest(second));
}

TEST_CASE("integral floats are written as integers")
{
  CHECK(canonical_dump(json(1.0)) == "1");
  CHECK(canonical_dump(json(-3.0)) == "-3");
  CHECK(canonical_dump(json(-0.0)) == "0");
  CHECK(canonical_dump(json(1e19)) == "10000000000000000000");
  CHECK(canonical_dump(json(-0x1p63)) == "-9223372036854775808");
}

TEST_CASE("equal numbers of different types give equal text")
{
  CHECK(canonical_dump(json(1)) == canonical_dump(json(1.0)));
  CHECK(canonical_dump(json(std::uint64_t{7})) ==
        canonical_dump(json(std::int64_t{7})));
  CHECK(canonical_dump(json::parse("10000000000000000000")) ==
        canonical_dump(json(1e19)));
  CHECK(digest(json::parse(R"({"n":1})")) ==
        digest(json::parse(R"({"n":1.0})")));
}

TEST_CASE("fractional and huge floats keep their shortest text")
{
  CHECK(canonical_dump(json(0.1)) == "0.1");
  CHECK(canonical_dump(json(2.5)) == "2.5");
  CHECK(canonical_dump(json(1e300)) == "1e+300");
  CHECK(canonical_dump(json(-1e19)) == "-1e+19");
}

TEST_CASE("non-finite floats are written as null")
{
  CHECK(canonical_dump(json(std::numeric_limits<double>::infinity())) ==
        "null");
}

TEST_CASE("null object members are dropped, so null equals absent")
{
  const json with_null = json::parse(R"({"a":1,"b":null,"c":{"d":null}})");
  CHECK(canonical_dump(with_null) == R"({"a":1,"c":{}})");
  CHECK(digest(with_null) == digest(json::parse(R"({"a":1,"c":{}})")));
}

TEST_CASE("null array elements are kept")
{
  CHECK(canonical_dump(json::parse("[null,1]")) == "[null,1]");
  CHECK(canonical_dump(json()) == "null");
}

TEST_CASE("strings and keys are escaped as JSON")
{
  const json value = {{"a\"b", "line\nbreak"}, {"u", "é"}};
  CHECK(canonical_dump(value) == "{\"a\\\"b\":\"line\\nbreak\",\"u\":\"é\"}");
}

TEST_CASE("invalid UTF-8 does not stop the canonical text")
{
  const json value = std::string("bad\xff");
  CHECK(canonical_dump(value) == "\"bad\xEF\xBF\xBD\"");
}

TEST_CASE("booleans keep their literal")
{
  CHECK(canonical_dump(json::parse("[true,false]")) == "[true,false]");
}

TEST_CASE("a digest is the prefixed sha256 of the canonical text")
{
  CHECK(digest(json::object()) ==
        "sha256:"
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  CHECK(digest(json::parse(R"({"b":2,"a":1})")) ==
        "sha256:" + sha256_hex(R"({"a":1,"b":2})"));
}

TEST_CASE("different values give different digests")
{
  CHECK(digest(json("1")) != digest(json(1)));
  CHECK(digest(json::parse("[1,2]")) != digest(json::parse("[2,1]")));
}
