#include "live/responses.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace flowctl::live;

namespace {

HttpResponse answer(long status, std::string body)
{
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.attempts = 1;
  return response;
}

const std::string k_flow = R"({"_id":"f1","name":"Login","steps":[]})";

} // namespace

TEST_CASE("the documented envelope gives the flow")
{
  const auto result = read_flow_response(
      "f1", answer(200, R"({"success":true,"data":)" + k_flow +
                            R"(,"signature":{"message":"x"}})"));
  REQUIRE(result.flow);
  CHECK_FALSE(result.error);
  CHECK(result.id == "f1");
  CHECK((*result.flow)["name"] == "Login");
}

TEST_CASE("an envelope without success or signature gives the flow")
{
  const auto result =
      read_flow_response("f1", answer(200, R"({"data":)" + k_flow + "}"));
  REQUIRE(result.flow);
  CHECK((*result.flow)["_id"] == "f1");
}

TEST_CASE("a bare flow object with _id gives the flow")
{
  const auto result = read_flow_response("f1", answer(200, k_flow));
  REQUIRE(result.flow);
  CHECK((*result.flow)["name"] == "Login");
}

TEST_CASE("2xx bodies without a flow are errors naming the flow")
{
  const char* bodies[] = {"",
                          "<html>maintenance</html>",
                          R"({"success":true,"data":)",
                          R"({"success":true,"data":[1,2]})",
                          R"({"success":true,"data":null})",
                          R"({"success":true})",
                          R"([{"_id":"f1"}])",
                          "null"};
  for (const auto* body : bodies) {
    CAPTURE(body);
    const auto result = read_flow_response("flow_42", answer(200, body));
    CHECK_FALSE(result.flow);
    REQUIRE(result.error);
    CHECK(result.error->code == "BAD_RESPONSE");
    CHECK(result.error->status == 200);
    CHECK(result.error->message.find("flow flow_42") == 0);
  }
}

// A hostile or broken server must not crash the recursive walks over the
// flow that follow (digests, diffs).
TEST_CASE("a flow nested deeper than any real one is a bad response")
{
  const std::string deep = std::string(50000, '[') + std::string(50000, ']');
  const auto result = read_flow_response(
      "f1", answer(200, R"({"data":{"_id":"f1","configuration":{"a":)" + deep +
                            "}}}"));
  CHECK_FALSE(result.flow);
  REQUIRE(result.error);
  CHECK(result.error->code == "BAD_RESPONSE");

  const auto page = read_list_response(answer(200, "[" + deep + "]"));
  REQUIRE(page.error);
  CHECK(page.error->code == "BAD_RESPONSE");
}

TEST_CASE("a flow answered for another id is an error")
{
  const auto result = read_flow_response(
      "f2", answer(200, R"({"data":{"_id":"f1","name":"x"}})"));
  CHECK_FALSE(result.flow);
  REQUIRE(result.error);
  CHECK(result.error->message == "flow f2: the server answered with flow f1");
}

TEST_CASE("non-2xx answers carry the server's words")
{
  const auto result = read_flow_response(
      "f1",
      answer(
          404,
          R"({"error":"Project flow not found","message":"PROJECT_FLOW_NOT_FOUND"})"));
  REQUIRE(result.error);
  CHECK(result.error->describe() ==
        "HTTP 404 PROJECT_FLOW_NOT_FOUND: Project flow not found");
}

TEST_CASE("transport failures and cancellations are errors")
{
  HttpResponse broken;
  broken.transport_error = "Couldn't connect to server";
  const auto failed = read_flow_response("f1", broken);
  REQUIRE(failed.error);
  CHECK(failed.error->status == 0);
  CHECK(failed.error->code == "TRANSPORT");

  HttpResponse stopped;
  stopped.cancelled = true;
  const auto cancelled = read_flow_response("f1", stopped);
  REQUIRE(cancelled.error);
  CHECK(cancelled.error->code == "CANCELLED");
  CHECK(cancelled.error->attempts == 0);
  CHECK(cancelled.error->message == "stopped before the request could be sent");
}

// A request stopped while it waited to be retried reached the server.
TEST_CASE("a cancellation after an attempt says what the server last said")
{
  HttpResponse retrying;
  retrying.cancelled = true;
  retrying.attempts = 2;
  retrying.status = 503;
  CHECK(read_flow_response("f1", retrying).error->message ==
        "sent, answered HTTP 503, and not retried: it may have been applied");
  retrying.status = 429;
  CHECK(read_flow_response("f1", retrying).error->message ==
        "sent, refused with HTTP 429, and not retried");
  retrying.status = 0;
  retrying.transport_error = "Timeout was reached";
  CHECK(read_flow_response("f1", retrying).error->message ==
        "sent, failed (Timeout was reached), and not retried: it may have "
        "been applied");
}

TEST_CASE("list pages: envelope, page count and bare arrays")
{
  const auto page = read_list_response(
      answer(200, R"({"success":true,"data":[{"_id":"a"},{"_id":"b"}],
               "pagination":{"page":1,"limit":100,"total":2,"pages":3}})"));
  CHECK_FALSE(page.error);
  CHECK(page.flows.size() == 2);
  CHECK(page.pages == 3);

  const auto bare = read_list_response(answer(200, R"([{"_id":"a"}])"));
  CHECK(bare.flows.size() == 1);
  CHECK(bare.pages == 0);

  const auto no_count = read_list_response(answer(200, R"({"data":[]})"));
  CHECK_FALSE(no_count.error);
  CHECK(no_count.pages == 0);
}

TEST_CASE("list pages without a list are errors")
{
  for (const auto* body :
       {"", "{}", R"({"data":{}})", R"({"data":[1]})", "<html></html>"}) {
    CAPTURE(body);
    const auto page = read_list_response(answer(200, body));
    REQUIRE(page.error);
    CHECK(page.error->code == "BAD_RESPONSE");
    CHECK(page.flows.empty());
  }
  const auto denied = read_list_response(
      answer(401, R"({"error":"Unauthorized","message":"INVALID_TOKEN"})"));
  REQUIRE(denied.error);
  CHECK(denied.error->describe() == "HTTP 401 INVALID_TOKEN: Unauthorized");
}
