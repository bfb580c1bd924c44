#include "live/verifik_client.hpp"

#include <doctest/doctest.h>

using namespace flowctl::live;

// These cases never reach the network: the client refuses first.

TEST_CASE("a rejected base URL fails every call with the reason")
{
  VerifikClient client({"http://api.verifik.co", "secret", {}});

  const auto flows = client.get_flows({"f1", "f2"});
  REQUIRE(flows.size() == 2);
  for (const auto& result : flows) {
    REQUIRE(result.error);
    CHECK(result.error->code == "INVALID_URL");
    CHECK(result.error->message.find("loopback") != std::string::npos);
  }

  const auto list = client.list_flows({});
  REQUIRE(list.error);
  CHECK(list.error->code == "INVALID_URL");

  const auto updated = client.update_flows({{"f1", {{"name", "x"}}}});
  REQUIRE(updated.size() == 1);
  CHECK(updated[0].error->code == "INVALID_URL");
}

TEST_CASE("invalid flow ids are refused before any request")
{
  // Port 9 on loopback: were a request sent, it would fail as TRANSPORT.
  VerifikClient client({"http://127.0.0.1:9", "secret", {}});
  std::vector<std::size_t> reported;
  const auto results = client.update_flows(
      {{"../etc", {}}, {"", {}}},
      [&](std::size_t index, const FlowResult&) { reported.push_back(index); });
  REQUIRE(results.size() == 2);
  CHECK(results[0].id == "../etc");
  CHECK(results[0].error->code == "INVALID_ID");
  CHECK(results[1].error->code == "INVALID_ID");
  CHECK(reported.size() == 2);
}

TEST_CASE("get_flows of nothing returns nothing")
{
  VerifikClient client({"http://127.0.0.1:9", "secret", {}});
  CHECK(client.get_flows({}).empty());
}

TEST_CASE("an engine given no requests returns at once")
{
  HttpEngine engine(EngineOptions{});
  std::size_t calls = 0;
  CHECK(engine.run({}, [&](std::size_t, const HttpResponse&) { ++calls; })
            .empty());
  CHECK(calls == 0);
}
