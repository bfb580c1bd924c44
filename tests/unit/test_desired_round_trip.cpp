#include "desired/flow_writer.hpp"
#include "desired/interpolation.hpp"
#include "desired/yaml_loader.hpp"

#include <doctest/doctest.h>

using flowctl::desired::EnvLookup;
using flowctl::desired::interpolate;
using flowctl::desired::parse_yaml;
using flowctl::desired::write_flow_yaml;
using nlohmann::json;

// What export writes must read back as the very same values, whatever
// strings the live flow holds that YAML would otherwise retype.
TEST_CASE("an exported flow reads back with the same values and types")
{
  json live = json::parse(R"({
    "_id": "flow_1", "version": 3, "name": "yes", "description": "null",
    "status": "active",
    "configuration": {
      "a.b": {"true": 1.5, "off": null, "n": -0.0, "big": 1e300,
              "text": "\u00e9\u0001\n  x: 'y' # z", "int": "12",
              "hex": "0x1F", "neg": -7, "empty": {}, "list": []},
      "emailVerification": {"enabled": false, "method": "magicLink"}},
    "steps": [{"stepType": "email", "order": 1, "config": {}},
              {"stepType": "phone", "order": 2, "required": true}]})");

  const auto text =
      write_flow_yaml(live, "../schemas/project-flow.schema.json");
  const auto file = parse_yaml(text, "export.yaml");
  REQUIRE(file.errors.empty());
  REQUIRE(file.documents.size() == 1);

  json expected = live;
  expected.erase("_id");
  expected.erase("version");
  expected["id"] = "flow_1";
  CHECK(file.documents[0].value == expected);
  CHECK(file.documents[0].value["configuration"]["a.b"]["n"].is_number_float());
}

// Live text that looks like a reference is written escaped, so the loader's
// interpolation gives back the server's own characters.
TEST_CASE("an exported string holding ${ reads back literally")
{
  json live = json::parse(R"({
    "_id": "flow_2", "name": "cost ${var:w} and $${env:X} and $5",
    "steps": [{"stepType": "email", "order": 1,
               "config": {"hint": "${"}}, "${env:Y}"]})");

  const auto file = parse_yaml(write_flow_yaml(live, "s.json"), "e.yaml");
  REQUIRE(file.errors.empty());
  auto value = file.documents[0].value;
  const std::map<std::string, std::string> vars;
  const EnvLookup no_env = [](const std::string&) {
    return std::optional<std::string>();
  };
  const auto result = interpolate(value, {vars, no_env});
  CHECK(result.errors.empty());
  CHECK(result.sensitive_pointers.empty());
  CHECK(value["name"] == live["name"]);
  CHECK(value["steps"] == live["steps"]);
}
