#include "live/api_error.hpp"

#include <doctest/doctest.h>

#include <string>

using flowctl::live::ApiError;
using flowctl::live::body_excerpt;
using flowctl::live::parse_api_error;

TEST_CASE("the documented 404: words in error, the code in message")
{
  const auto error = parse_api_error(
      404,
      R"({"error":"Project flow not found","message":"PROJECT_FLOW_NOT_FOUND"})");
  CHECK(error.status == 404);
  CHECK(error.code == "PROJECT_FLOW_NOT_FOUND");
  CHECK(error.message == "Project flow not found");
  CHECK(error.describe() ==
        "HTTP 404 PROJECT_FLOW_NOT_FOUND: Project flow not found");
}

TEST_CASE("code and message")
{
  const auto error = parse_api_error(
      500, R"({"code":"INTERNAL","message":"Something broke"})");
  CHECK(error.code == "INTERNAL");
  CHECK(error.message == "Something broke");
}

TEST_CASE("success false with error and code")
{
  const auto error = parse_api_error(
      429,
      R"({"success":false,"error":"Too many requests","code":"RATE_LIMITED"})");
  CHECK(error.code == "RATE_LIMITED");
  CHECK(error.message == "Too many requests");
  CHECK(error.describe() == "HTTP 429 RATE_LIMITED: Too many requests");
  auto retried = error;
  retried.attempts = 6;
  CHECK(retried.describe() ==
        "HTTP 429 RATE_LIMITED: Too many requests (gave up after 6 attempts)");
}

TEST_CASE("a nested error object")
{
  const auto error = parse_api_error(
      422, R"({"error":{"message":"steps must be an array","code":"BAD"}})");
  CHECK(error.code == "BAD");
  CHECK(error.message == "steps must be an array");
}

TEST_CASE("error words and message words are both kept")
{
  const auto error = parse_api_error(
      400, R"({"error":"Bad Request","message":"name must be a string"})");
  CHECK(error.code.empty());
  CHECK(error.message == "Bad Request: name must be a string");
  CHECK(error.describe() == "HTTP 400: Bad Request: name must be a string");
}

TEST_CASE("an UPPER_SNAKE error field is the code")
{
  const auto error = parse_api_error(
      401, R"({"error":"INVALID_TOKEN","message":"Bad token"})");
  CHECK(error.code == "INVALID_TOKEN");
  CHECK(error.message == "Bad token");
}

TEST_CASE("a code alone still says what the status means")
{
  const auto error = parse_api_error(403, R"({"code":"FORBIDDEN"})");
  CHECK(error.describe() == "HTTP 403 FORBIDDEN: forbidden");
}

TEST_CASE("a numeric code is kept as text")
{
  const auto error = parse_api_error(409, R"({"code":409,"message":"Busy"})");
  CHECK(error.code == "409");
  CHECK(error.message == "Busy");
}

TEST_CASE("server words are folded to one line")
{
  const auto error =
      parse_api_error(400, "{\"message\":\"line one\\n\\tline two\"}");
  CHECK(error.message == "line one line two");
}

TEST_CASE("HTML bodies are quoted, not parsed")
{
  const auto error = parse_api_error(
      502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\n</html>");
  CHECK(error.status == 502);
  CHECK(error.code.empty());
  CHECK(error.message == "HTML response body: <html> <head><title>502 Bad "
                         "Gateway</title></head> </html>");
}

TEST_CASE("an empty body says so")
{
  CHECK(parse_api_error(503, "").message == "empty response body");
  CHECK(parse_api_error(503, " \n ").message == "empty response body");
  CHECK(parse_api_error(503, "").describe() == "HTTP 503: empty response body");
}

TEST_CASE("truncated JSON is quoted")
{
  const auto error = parse_api_error(500, R"({"error":"Proj)");
  CHECK(error.message == R"(non-JSON response body: {"error":"Proj)");
}

TEST_CASE("JSON that is not an object is quoted")
{
  CHECK(parse_api_error(400, R"(["a","b"])").message ==
        R"(unexpected JSON response body: ["a","b"])");
  CHECK(parse_api_error(400, "42").message ==
        "unexpected JSON response body: 42");
  CHECK(parse_api_error(400, R"("oops")").message ==
        R"(unexpected JSON response body: "oops")");
}

TEST_CASE("an object without error fields is quoted")
{
  const auto error = parse_api_error(500, R"({"status":"down"})");
  CHECK(error.message == R"(unexpected error body: {"status":"down"})");
}

TEST_CASE("excerpts are short and printable")
{
  const std::string garbage = std::string("\x01\x02") + "bin" +
                              std::string("\xff\xfe\x7f") + " ary" +
                              std::string(200, 'x');
  const auto error = parse_api_error(500, garbage);
  const auto excerpt = error.message.substr(error.message.find(": ") + 2);
  CHECK(excerpt.size() <= 83);
  CHECK(excerpt.rfind("bin aryxxx", 0) == 0);
  CHECK(excerpt.substr(excerpt.size() - 3) == "...");
  for (const char c : error.message) {
    CHECK((c >= 0x20 && c <= 0x7e));
  }
}

TEST_CASE("body_excerpt folds whitespace and cuts at the limit")
{
  CHECK(body_excerpt("  a \n\n b  ") == "a b");
  CHECK(body_excerpt("abcdef", 4) == "abcd...");
  CHECK(body_excerpt("abcd", 4) == "abcd");
  CHECK(body_excerpt("") == "");
}

TEST_CASE("transport errors describe themselves without a status")
{
  const ApiError error{0, "TRANSPORT", "Couldn't connect to server"};
  CHECK(error.describe() == "TRANSPORT: Couldn't connect to server");
}
