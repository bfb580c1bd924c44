#include "diff/diff.hpp"

#include <doctest/doctest.h>

using namespace flowctl::diff;
using nlohmann::json;

namespace {

json body_for(const json& desired, const json& live,
              const DiffOptions& options = {})
{
  return build_put_body(desired, live, diff_flow(desired, live, options),
                        options);
}

// What live looks like after a PUT that replaces each field it carries.
json after_put(json live, const json& body)
{
  for (const auto& item : body.items()) {
    live[item.key()] = item.value();
  }
  return live;
}

const json k_live = json::parse(R"({
  "_id": "f1", "version": 3, "status": "draft", "name": "Login",
  "configuration": {"phone": {"method": "whatsapp", "enabled": true},
                    "securityThresholds": {"min": 5},
                    "extra": 1},
  "steps": [{"order": 1, "config": {"token": "live-1"}},
            {"order": 2, "config": {"token": "live-2"}}]})");

} // namespace

TEST_CASE("the body holds only the fields that changed, whole, from desired")
{
  const json desired = json::parse(R"({"status":"draft","name":"Login",
    "configuration":{"phone":{"method":"sms","enabled":true}}})");
  CHECK(body_for(desired, k_live) == json::parse(R"({"configuration":
          {"phone":{"method":"sms","enabled":true}}})"));
}

TEST_CASE("no change gives an empty body")
{
  const json desired = json::parse(R"({"status":"draft"})");
  CHECK(body_for(desired, k_live) == json::object());
}

TEST_CASE("the body never carries a server-managed field")
{
  const json desired = json::parse(R"({"_id":"other","version":9,
    "status":"active"})");
  std::vector<Change> changes = diff_flow(desired, k_live, {});
  changes.push_back({"_id", "/_id", Op::replace, "f1", "other", false});
  CHECK(build_put_body(desired, k_live, changes, {}) ==
        json::parse(R"({"status":"active"})"));
}

TEST_CASE("a change to a field the file lacks adds nothing to the body")
{
  const std::vector<Change> changes{
      {"name", "/name", Op::replace, "Login", "x", false}};
  CHECK(build_put_body(json::parse(R"({"status":"draft"})"), k_live, changes,
                       {}) == json::object());
}

TEST_CASE("an ignored path inside a changed field is taken from live")
{
  DiffOptions options;
  options.ignore = {"/configuration/securityThresholds"};
  const json desired = json::parse(R"({"configuration":{
    "phone":{"method":"sms","enabled":true},
    "securityThresholds":{"min":1},"extra":1}})");
  CHECK(body_for(desired, k_live, options)["configuration"] ==
        json::parse(R"({"phone":{"method":"sms","enabled":true},
                        "securityThresholds":{"min":5},"extra":1})"));
}

TEST_CASE("an ignored path the file leaves out is still sent from live")
{
  DiffOptions options;
  options.ignore = {"/configuration/securityThresholds"};
  const json desired = json::parse(R"({"configuration":{
    "phone":{"method":"sms"}}})");
  CHECK(body_for(desired, k_live, options)["configuration"] ==
        json::parse(R"({"phone":{"method":"sms"},
                        "securityThresholds":{"min":5}})"));
}

TEST_CASE("an ignored path live lacks is left out of the body")
{
  DiffOptions options;
  options.ignore = {"/configuration/missing"};
  const json desired = json::parse(R"({"configuration":{"missing":1,
    "extra":2}})");
  CHECK(body_for(desired, k_live, options) ==
        json::parse(R"({"configuration":{"extra":2}})"));
}

TEST_CASE("ignored paths in keyed steps come from the matching live step")
{
  DiffOptions options;
  options.ignore = {"/steps/*/config/token"};
  const json desired = json::parse(R"({"steps":[
    {"order":2,"config":{"token":"mine"},"required":true},
    {"order":1,"config":{"token":"mine"}}]})");
  CHECK(body_for(desired, k_live, options) == json::parse(R"({"steps":[
    {"order":2,"config":{"token":"live-2"},"required":true},
    {"order":1,"config":{"token":"live-1"}}]})"));
}

TEST_CASE("a live element a pattern covers whole stays in the body")
{
  DiffOptions options;
  options.ignore = {"/configuration/tags/*"};
  const json live = json::parse(R"({"configuration":{"tags":["a","b"],
    "x":1}})");
  const json desired = json::parse(R"({"configuration":{"tags":["z"],
    "x":2}})");
  CHECK(body_for(desired, live, options) ==
        json::parse(R"({"configuration":{"tags":["a","b"],"x":2}})"));
}

TEST_CASE("a field the file sets to null is sent as null")
{
  const json desired = json::parse(R"({"description":null})");
  CHECK(body_for(desired, json::parse(R"({"description":"d"})")) ==
        json::parse(R"({"description":null})"));
}

TEST_CASE("nulls the file writes inside a field are sent as written")
{
  const json desired = json::parse(R"({"configuration":{"a":null,"b":1}})");
  CHECK(body_for(desired, json::parse(R"({"configuration":{"a":2}})")) ==
        desired);
}

TEST_CASE("after the PUT nothing is left to change")
{
  DiffOptions options;
  options.ignore = {"/configuration/securityThresholds", "/steps/*/config"};
  const json desired = json::parse(R"({"status":"active",
    "configuration":{"phone":{"method":"sms"}},
    "steps":[{"order":3,"config":{"x":1}},{"order":1,"config":{"y":2}}]})");
  const auto changes = diff_flow(desired, k_live, options);
  CHECK_FALSE(changes.empty());
  const json body = build_put_body(desired, k_live, changes, options);
  CHECK(diff_flow(desired, after_put(k_live, body), options).empty());
}

TEST_CASE("the ignored values survive the PUT")
{
  DiffOptions options;
  options.ignore = {"/configuration/securityThresholds"};
  const json desired = json::parse(R"({"configuration":{"extra":2}})");
  const json body = body_for(desired, k_live, options);
  const json updated = after_put(k_live, body);
  CHECK(updated["configuration"]["securityThresholds"] ==
        k_live["configuration"]["securityThresholds"]);
  CHECK_FALSE(updated["configuration"].contains("phone"));
}
