#include "diff/json_path.hpp"

#include <doctest/doctest.h>

using namespace flowctl::diff;
using Tokens = std::vector<std::string>;

TEST_CASE("appending a token escapes tilde and slash")
{
  CHECK(pointer_append("", "status") == "/status");
  CHECK(pointer_append("/configuration", "a/b") == "/configuration/a~1b");
  CHECK(pointer_append("/x", "m~n") == "/x/m~0n");
  CHECK(pointer_append("/x", "~1") == "/x/~01");
  CHECK(pointer_append("/x", "") == "/x/");
}

TEST_CASE("tokens of a pointer are unescaped")
{
  CHECK(pointer_tokens("/steps/2/config") == Tokens{"steps", "2", "config"});
  CHECK(pointer_tokens("/a~1b/m~0n") == Tokens{"a/b", "m~n"});
  CHECK(pointer_tokens("/~01") == Tokens{"~1"});
}

TEST_CASE("the root pointer and non-pointers have no tokens")
{
  CHECK(pointer_tokens("").empty());
  CHECK(pointer_tokens("status").empty());
}

TEST_CASE("empty segments are tokens of their own")
{
  CHECK(pointer_tokens("/") == Tokens{""});
  CHECK(pointer_tokens("/a//b") == Tokens{"a", "", "b"});
}

TEST_CASE("append and tokens round-trip awkward keys")
{
  const std::string key = "we/ird~key~1";
  CHECK(pointer_tokens(pointer_append("/x", key)) == Tokens{"x", key});
}

TEST_CASE("a pattern must start with a slash")
{
  CHECK_FALSE(check_pattern("/configuration/webhook/secret"));
  CHECK_FALSE(check_pattern("/steps/*/config"));
  CHECK(check_pattern("configuration/x") ==
        "pattern \"configuration/x\" must start with '/'");
  CHECK(check_pattern("") == "pattern \"\" must start with '/'");
}

TEST_CASE("a pattern with a bad escape is invalid")
{
  CHECK(check_pattern("/a~2") ==
        "pattern \"/a~2\" has a '~' not followed by '0' or '1'");
  CHECK(check_pattern("/a~").has_value());
  CHECK_FALSE(check_pattern("/a~0~1"));
}

TEST_CASE("a pattern matches only its own depth")
{
  CHECK(pattern_matches("/configuration/webhooks", "/configuration/webhooks"));
  CHECK_FALSE(pattern_matches("/configuration", "/configuration/webhooks"));
  CHECK_FALSE(pattern_matches("/configuration/webhooks", "/configuration"));
}

TEST_CASE("a star segment matches any one segment")
{
  CHECK(pattern_matches("/steps/*/config", "/steps/0/config"));
  CHECK(pattern_matches("/steps/*/config", "/steps/12/config"));
  CHECK_FALSE(pattern_matches("/steps/*/config", "/steps/config"));
  CHECK_FALSE(pattern_matches("/steps/*/config", "/steps/0/1/config"));
  CHECK(pattern_matches("/*", "/status"));
}

TEST_CASE("a pattern covers the pointer itself and everything under it")
{
  const std::string pattern = "/configuration/securityThresholds";
  CHECK(pattern_covers(pattern, "/configuration/securityThresholds"));
  CHECK(pattern_covers(pattern, "/configuration/securityThresholds/min"));
  CHECK_FALSE(pattern_covers(pattern, "/configuration"));
  CHECK_FALSE(pattern_covers(pattern, "/configuration/securityThresholdsX"));
  CHECK_FALSE(pattern_covers(pattern, "/status"));
}

TEST_CASE("a pattern lies within the pointer itself and its ancestors")
{
  const std::string pattern = "/configuration/webhook/secret";
  CHECK(pattern_within(pattern, "/configuration/webhook/secret"));
  CHECK(pattern_within(pattern, "/configuration/webhook"));
  CHECK(pattern_within(pattern, "/configuration"));
  CHECK(pattern_within(pattern, ""));
  CHECK_FALSE(pattern_within(pattern, "/configuration/webhook/secret/x"));
  CHECK_FALSE(pattern_within(pattern, "/configuration/other"));
}

TEST_CASE("star segments work for covering and lying within")
{
  CHECK(pattern_covers("/steps/*/config", "/steps/3/config/token"));
  CHECK_FALSE(pattern_covers("/steps/*/config", "/steps/3/order"));
  CHECK(pattern_within("/steps/*/config", "/steps/3"));
  CHECK(pattern_within("/steps/*/config", "/steps"));
  CHECK_FALSE(pattern_within("/steps/*/config", "/steps/3/order"));
}

TEST_CASE("patterns compare unescaped segments")
{
  CHECK(pattern_covers("/configuration/a~1b", "/configuration/a~1b/c"));
  CHECK_FALSE(pattern_covers("/configuration/a~1b", "/configuration/a/b"));
  CHECK(pattern_matches("/x/~0", pointer_append("/x", "~")));
}

TEST_CASE("an invalid pattern matches nothing")
{
  CHECK_FALSE(pattern_covers("configuration", "/configuration"));
  CHECK_FALSE(pattern_within("configuration", "/configuration"));
  CHECK_FALSE(pattern_matches("", ""));
  CHECK_FALSE(pattern_covers("/a~2", "/a~2"));
}

TEST_CASE("any-pattern helpers look at every pattern")
{
  const std::vector<std::string> patterns{"/status", "/configuration/x/y"};
  CHECK(any_pattern_covers(patterns, "/status"));
  CHECK(any_pattern_covers(patterns, "/configuration/x/y/z"));
  CHECK_FALSE(any_pattern_covers(patterns, "/configuration/x"));
  CHECK(any_pattern_within(patterns, "/configuration/x"));
  CHECK_FALSE(any_pattern_within(patterns, "/name"));
  CHECK_FALSE(any_pattern_covers({}, "/status"));
}
