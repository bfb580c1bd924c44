#include "desired/embedded_schemas.hpp"
#include "desired/schema_validator.hpp"
#include "desired/yaml_loader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using flowctl::desired::project_flow_validator;
using flowctl::desired::read_file_bytes;
using flowctl::desired::SchemaValidator;
using flowctl::desired::ValueError;
using nlohmann::json;

namespace {

std::vector<std::string> messages(const std::vector<ValueError>& errors)
{
  std::vector<std::string> texts;
  for (const auto& error : errors) {
    texts.push_back(error.pointer + " " + error.message +
                    (error.at_key ? " (key)" : ""));
  }
  return texts;
}

json schema_file(const std::string& name)
{
  const auto bytes = read_file_bytes(FLOWCTL_SOURCE_DIR "/schemas/" + name);
  REQUIRE(bytes.error.empty());
  return json::parse(bytes.bytes);
}

} // namespace

TEST_CASE("the compiled-in schemas are the files under schemas/")
{
  CHECK(json::parse(flowctl::desired::k_project_flow_schema) ==
        schema_file("project-flow.schema.json"));
  CHECK(json::parse(flowctl::desired::k_flowctl_config_schema) ==
        schema_file("flowctl-config.schema.json"));
}

TEST_CASE("both schemas are draft-07 documents that valijson accepts")
{
  CHECK(schema_file("project-flow.schema.json").at("$schema") ==
        "http://json-schema.org/draft-07/schema#");
  CHECK(schema_file("flowctl-config.schema.json").at("$schema") ==
        "http://json-schema.org/draft-07/schema#");
  CHECK(messages(project_flow_validator().validate(json::object())) ==
        std::vector<std::string>{" missing required field 'id'"});
  CHECK(flowctl::desired::config_validator().validate(json::object()).empty());
}

TEST_CASE("the vendor's example flow is valid")
{
  const json flow = json::parse(R"({
    "id": "project_flow_123456789", "name": "Onboarding", "status": "active",
    "description": "d",
    "configuration": {
      "emailVerification": {"enabled": true, "required": true,
                            "method": "verificationCode"},
      "phoneVerification": {"enabled": true, "required": true, "method": "sms"},
      "biometricVerification": {"enabled": true, "required": true,
                                "livenessDetection": true,
                                "antiSpoofing": true},
      "documentVerification": {"enabled": false},
      "webhook": {"url": "https://x", "secret": "s", "events": ["a"]}},
    "steps": [{"stepType": "email", "order": 1, "required": true,
               "config": {"verificationMethod": "verificationCode"}}]})");
  CHECK(project_flow_validator().validate(flow).empty());
}

TEST_CASE("every unknown member of one object is reported, at its key")
{
  const json flow{{"id", "a"}, {"stauts", 1}, {"nmae", "x"}};
  CHECK(messages(project_flow_validator().validate(flow)) ==
        std::vector<std::string>{
            "/nmae unknown field 'nmae' (did you mean 'name'?) (key)",
            "/stauts unknown field 'stauts' (did you mean 'status'?) (key)"});
}

TEST_CASE("failures deep inside name the path for people")
{
  const json flow{{"id", "a"},
                  {"configuration",
                   {{"webhook", {{"events", {"ok", 3}}}},
                    {"biometricVerification", {{"antiSpoofing", "no"}}}}}};
  CHECK(messages(project_flow_validator().validate(flow)) ==
        std::vector<std::string>{
            "/configuration/biometricVerification/antiSpoofing "
            "configuration.biometricVerification.antiSpoofing: expected "
            "boolean, got string \"no\" (write true or false)",
            "/configuration/webhook/events/1 configuration.webhook.events[1]: "
            "expected string, got integer 3 (quote it to keep it a string)"});
}

TEST_CASE("keys that are not identifiers are quoted in paths")
{
  const SchemaValidator validator(R"({"type": "object",
    "additionalProperties": {"type": "object",
      "properties": {"n": {"type": "integer"}}}})");
  const json document{{"a.b", {{"n", "x"}}}};
  CHECK(messages(validator.validate(document)) ==
        std::vector<std::string>{
            "/a.b/n [\"a.b\"].n: expected integer, got string \"x\""});
}

TEST_CASE("a schema that does not parse fails every document once")
{
  const SchemaValidator validator("{not json");
  const auto errors = validator.validate(json::object());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.starts_with("built-in schema is invalid: "));
}
