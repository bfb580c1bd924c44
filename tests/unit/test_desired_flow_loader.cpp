#include "desired/flow_loader.hpp"
#include "desired/yaml_loader.hpp"
#include "diff/canonical.hpp"
#include "test_desired_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using flowctl::desired::DesiredFlow;
using flowctl::desired::load_flows;
using flowctl::desired::LoadOptions;
using flowctl::desired::LoadResult;
using flowctl::desired::read_file_bytes;
using flowctl::desired::testing::TempTree;
using nlohmann::json;

namespace {

const std::string k_repo = FLOWCTL_SOURCE_DIR "/tests/fixtures/desired/repo";

std::vector<std::string> messages(const LoadResult& result)
{
  std::vector<std::string> texts;
  for (const auto& error : result.errors) {
    texts.push_back(error.to_string());
  }
  return texts;
}

std::vector<std::string> ids(const LoadResult& result)
{
  std::vector<std::string> names;
  for (const auto& flow : result.flows) {
    names.push_back(flow.id);
  }
  return names;
}

LoadOptions options_for(const std::string& base_dir)
{
  LoadOptions options;
  options.base_dir = base_dir;
  options.vars = {{"webhook_host", "hooks.example.com"}};
  options.getenv = [](const std::string& name) -> std::optional<std::string> {
    if (name == "FLOWCTL_TEST_WEBHOOK_SECRET") {
      return "s3cret";
    }
    return std::nullopt;
  };
  return options;
}

// Loads the given files of a scratch tree.
LoadResult load(const TempTree& tree, const std::vector<std::string>& paths)
{
  return load_flows(paths, options_for(tree.root()));
}

const DesiredFlow& flow_named(const LoadResult& result, const std::string& id)
{
  const auto found =
      std::find_if(result.flows.begin(), result.flows.end(),
                   [&](const DesiredFlow& flow) { return flow.id == id; });
  REQUIRE(found != result.flows.end());
  return *found;
}

std::string sha256_of_file(const std::string& path)
{
  return flowctl::diff::sha256_hex(read_file_bytes(path).bytes);
}

} // namespace

TEST_CASE("a repository's flows come out sorted by id with their fields")
{
  const auto result = load_flows({"flows"}, options_for(k_repo));
  REQUIRE(messages(result).empty());
  CHECK(ids(result) == std::vector<std::string>{"kyc", "login_mobile",
                                                "login_web",
                                                "project_flow_123456789"});

  const auto& onboarding = flow_named(result, "project_flow_123456789");
  CHECK(onboarding.file == k_repo + "/flows/onboarding.yaml");
  CHECK(onboarding.mark.line == 2);
  CHECK(onboarding.mark.column == 1);
  CHECK(onboarding.fields.at("name") == "Onboarding");
  CHECK(onboarding.fields.at("steps").size() == 3);
  CHECK(onboarding.fields.at("steps")[2] ==
        json{{"stepType", "biometric"},
             {"order", 3},
             {"required", true},
             {"config", {{"livenessDetection", true}}}});
  CHECK_FALSE(onboarding.fields.contains("id"));

  const auto& kyc = flow_named(result, "kyc");
  CHECK(kyc.file == k_repo + "/flows/nested/kyc.yml");
  CHECK(kyc.fields == json{{"status", "draft"}});
}

TEST_CASE("a flow's digest is the SHA-256 of its file")
{
  const auto result = load_flows({"flows/nested/kyc.yml"}, options_for(k_repo));
  REQUIRE(result.flows.size() == 1);
  CHECK(result.flows[0].file_digest ==
        "sha256:" + sha256_of_file(k_repo + "/flows/nested/kyc.yml"));
}

TEST_CASE("interpolated values are filled in and env ones are sensitive")
{
  const auto result =
      load_flows({"flows/onboarding.yaml"}, options_for(k_repo));
  REQUIRE(messages(result).empty());
  const auto& flow = result.flows.at(0);
  const auto& webhook = flow.fields.at("configuration").at("webhook");
  CHECK(webhook.at("url") == "https://hooks.example.com/verifik");
  CHECK(webhook.at("secret") == "s3cret");
  CHECK(flow.sensitive_pointers ==
        std::vector<std::string>{"/configuration/webhook/secret"});
}

TEST_CASE("each document of a multi-document file is a flow")
{
  const auto result = load_flows({"flows/login.yaml"}, options_for(k_repo));
  REQUIRE(messages(result).empty());
  CHECK(ids(result) == std::vector<std::string>{"login_mobile", "login_web"});
  CHECK(flow_named(result, "login_web").mark.line == 2);
  CHECK(flow_named(result, "login_mobile").mark.line == 6);
  CHECK(flow_named(result, "login_mobile").file ==
        k_repo + "/flows/login.yaml");
}

TEST_CASE("extends deep-merges the document over its base")
{
  const auto result = load_flows({"flows/login.yaml"}, options_for(k_repo));
  REQUIRE(messages(result).empty());
  const auto& mobile = flow_named(result, "login_mobile");
  CHECK(
      mobile.fields ==
      json{
          {"name", "Mobile login"},
          {"description", "Log in with a one-time code"},
          {"status", "active"},
          {"configuration",
           {{"phoneVerification",
             {{"enabled", true}, {"required", true}, {"method", "whatsapp"}}}}},
          {"steps",
           {{{"stepType", "phone"}, {"order", 1}, {"required", true}}}}});
}

TEST_CASE("the digest of an extending flow covers its base files in order")
{
  const auto result = load_flows({"flows/login.yaml"}, options_for(k_repo));
  REQUIRE(result.flows.size() == 2);
  const auto lines =
      "sha256:" + sha256_of_file(k_repo + "/flows/login.yaml") + "\n" +
      "sha256:" + sha256_of_file(k_repo + "/base/login-base.yaml") + "\n";
  CHECK(result.flows[0].file_digest ==
        "sha256:" + flowctl::diff::sha256_hex(lines));
  CHECK(result.flows[1].file_digest == result.flows[0].file_digest);
}

TEST_CASE("a base's id is not inherited and its own extends chain applies")
{
  TempTree tree;
  tree.write("base/root.yaml", "name: Root\nstatus: draft\n");
  tree.write("base/middle.yaml",
             "id: middle_flow\nextends: root.yaml\nstatus: paused\n");
  tree.write("flows/leaf.yaml", "id: leaf\nextends: ../base/middle.yaml\n");
  const auto result = load(tree, {"flows"});
  REQUIRE(messages(result).empty());
  REQUIRE(result.flows.size() == 1);
  CHECK(result.flows[0].id == "leaf");
  CHECK(result.flows[0].fields == json{{"name", "Root"}, {"status", "paused"}});
  CHECK(result.flows[0].mark.line == 1);
}

TEST_CASE("a file without id under flows is fine when it serves as a base")
{
  TempTree tree;
  tree.write("flows/_base.yaml", "status: active\nname: Shared\n");
  tree.write("flows/a.yaml", "id: a\nextends: _base.yaml\n");
  const auto result = load(tree, {"flows"});
  CHECK(messages(result).empty());
  CHECK(ids(result) == std::vector<std::string>{"a"});
}

TEST_CASE("a file without id that nothing extends is an error")
{
  TempTree tree;
  tree.write("flows/a.yaml", "# no id here\nname: x\n");
  const auto result = load(tree, {"flows"});
  CHECK(messages(result) ==
        std::vector<std::string>{tree.path("flows/a.yaml") +
                                 ":2:1: missing required field 'id'"});
  CHECK(result.flows.empty());
}

TEST_CASE("an extends cycle names the chain")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\nextends: b.yaml\n");
  tree.write("b.yaml", "extends: a.yaml\nname: x\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("b.yaml") +
            ":1:10: extends cycle: " + tree.path("a.yaml") + " -> " +
            tree.path("b.yaml") + " -> " + tree.path("a.yaml")});
  CHECK(result.flows.empty());
}

TEST_CASE("a document extending its own file is a cycle")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\nextends: ./a.yaml\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) == std::vector<std::string>{
                                tree.path("a.yaml") +
                                ":2:10: extends cycle: " + tree.path("a.yaml") +
                                " -> " + tree.path("a.yaml")});
}

TEST_CASE("a missing base is an error at the extends line")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\nname: x\nextends: base/none.yaml\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("a.yaml") + ":3:10: extends: cannot read '" +
            tree.path("base/none.yaml") + "': No such file or directory"});
  CHECK(result.flows.empty());
}

TEST_CASE("a base must hold exactly one document")
{
  TempTree tree;
  tree.write("base.yaml", "name: a\n---\nname: b\n");
  tree.write("a.yaml", "id: a\nextends: base.yaml\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("a.yaml") + ":2:10: extends: '" + tree.path("base.yaml") +
            "' must hold exactly one document, it holds 2"});
}

TEST_CASE("errors in a base are reported once, at the base, however many "
          "flows extend it")
{
  TempTree tree;
  tree.write("base.yaml", "status: actve\nname: [x\n");
  tree.write("a.yaml", "id: a\nextends: base.yaml\n---\nid: b\nextends: "
                       "base.yaml\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("base.yaml") +
            ":3:1: invalid YAML: did not find expected ',' or "
            "']' while parsing a flow sequence at "
            "line 2"});
  CHECK(result.flows.empty());
}

TEST_CASE("an invalid inherited value is reported where the base says it")
{
  TempTree tree;
  tree.write("base.yaml", "status: actve\n");
  tree.write("a.yaml", "id: a\nextends: base.yaml\n---\nid: b\nextends: "
                       "base.yaml\nstatus: active\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("base.yaml") +
            ":1:9: status: \"actve\" is not one of draft, active, paused"});
}

TEST_CASE("an unknown top-level field is an error with a suggestion")
{
  TempTree tree;
  tree.write("flows/a.yaml", "id: a\nname: x\nstauts: active\nzzz: 1\n");
  const auto result = load(tree, {"flows/a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("flows/a.yaml") +
                ":3:1: unknown field 'stauts' (did you mean 'status'?)",
            tree.path("flows/a.yaml") + ":4:1: unknown field 'zzz'"});
  CHECK(result.flows.empty());
}

TEST_CASE("a value of the wrong type is an error naming both types")
{
  TempTree tree;
  tree.write("a.yaml",
             "id: a\n"
             "name: 2024\n"
             "configuration:\n"
             "  emailVerification: {enabled: yes}\n"
             "  webhook: [x]\n"
             "steps:\n"
             "  - {stepType: email, order: 1.5, required: \"true\"}\n");
  const auto result = load(tree, {"a.yaml"});
  const auto file = tree.path("a.yaml");
  CHECK(messages(result) ==
        std::vector<std::string>{
            file + ":2:7: name: expected string, got integer 2024 (quote it "
                   "to keep it a string)",
            file + ":4:32: configuration.emailVerification.enabled: expected "
                   "boolean, got string \"yes\" (write true or false)",
            file + ":5:12: configuration.webhook: expected object, got array",
            file + ":7:30: steps[0].order: expected integer, got number 1.5",
            file + ":7:45: steps[0].required: expected boolean, got string "
                   "\"true\""});
}

TEST_CASE("a deep error is placed exactly among files without errors")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\nsteps:\n  - {stepType: email, order: 1}\n");
  tree.write("b.yaml", "id: b\nsteps:\n  - {stepType: email, order: x}\n");
  tree.write("c.yaml", "id: c\nname: C\n");
  const auto result = load(tree, {"a.yaml", "b.yaml", "c.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{tree.path("b.yaml") +
                                 ":3:30: steps[0].order: expected integer, "
                                 "got string \"x\""});
  REQUIRE(result.flows.size() == 2);
  CHECK(result.flows[0].mark.line == 1);
  CHECK(result.flows[1].id == "c");
}

TEST_CASE("a value outside an enum lists the allowed ones")
{
  TempTree tree;
  tree.write("flows/a.yaml", "id: a\nname: x\n\nstatus: actve\n"
                             "configuration:\n"
                             "  phoneVerification: {method: fax}\n");
  const auto result = load(tree, {"flows/a.yaml"});
  const auto file = tree.path("flows/a.yaml");
  CHECK(
      messages(result) ==
      std::vector<std::string>{
          file + ":4:9: status: \"actve\" is not one of draft, active, paused",
          file + ":6:31: configuration.phoneVerification.method: \"fax\" is "
                 "not one of sms, whatsapp, voice"});
}

TEST_CASE("a missing id is an error at the document")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n---\nname: no id\nstatus: draft\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{tree.path("a.yaml") +
                                 ":3:1: missing required field 'id'"});
}

TEST_CASE("an id outside ^[A-Za-z0-9_-]{1,128}$ is an error")
{
  TempTree tree;
  const std::string long_id(129, 'x');
  tree.write("a.yaml", "id: bad id!\n---\nid: " + long_id + "\n---\nid: 7\n");
  const auto result = load(tree, {"a.yaml"});
  const auto file = tree.path("a.yaml");
  const std::string pattern =
      " does not match the pattern ^[A-Za-z0-9_-]{1,128}$";
  CHECK(messages(result) ==
        std::vector<std::string>{
            file + ":1:5: id: \"bad id!\"" + pattern,
            file + ":3:5: id: \"" + long_id + "\"" + pattern,
            file + ":5:5: id: expected string, got integer 7 (quote it to "
                   "keep it a string)"});
}

TEST_CASE("an id declared twice across files names both places")
{
  TempTree tree;
  tree.write("flows/a.yaml", "id: same\nname: A\n");
  tree.write("flows/b.yaml", "name: B\nid: same\n");
  const auto result = load(tree, {"flows"});
  CHECK(messages(result) ==
        std::vector<std::string>{tree.path("flows/b.yaml") +
                                 ":2:5: duplicate flow id 'same' (first at " +
                                 tree.path("flows/a.yaml") + ":1)"});
  REQUIRE(result.flows.size() == 1);
  CHECK(result.flows[0].fields.at("name") == "A");
}

TEST_CASE("an id declared twice in one file is an error too")
{
  TempTree tree;
  tree.write("a.yaml", "id: x\n---\nid: x\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{tree.path("a.yaml") +
                                 ":3:5: duplicate flow id 'x' (first at " +
                                 tree.path("a.yaml") + ":1)"});
  CHECK(result.flows.empty());
}

TEST_CASE("two steps with the same order name both lines")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n"
                       "steps:\n"
                       "  - stepType: email\n"
                       "    order: 1\n"
                       "  - stepType: phone\n"
                       "    order: 2\n"
                       "  - stepType: biometric\n"
                       "    order: 1\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("a.yaml") +
            ":8:12: steps[2].order: duplicate order 1 (first at line 4)"});
  CHECK(result.flows.empty());
}

TEST_CASE("step orders stay unique when steps are matched by another key")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n"
                       "steps:\n"
                       "  - {stepType: email, order: 1}\n"
                       "  - {stepType: phone, order: 1}\n");
  auto options = options_for(tree.root());
  options.list_keys = {{"steps", "stepType"}};
  const auto result = load_flows({"a.yaml"}, options);
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("a.yaml") +
            ":4:30: steps[1].order: duplicate order 1 (first at line 3)"});
}

TEST_CASE("keys named in list_keys by pointer must be unique as well")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n"
                       "configuration:\n"
                       "  hooks:\n"
                       "    - {name: one}\n"
                       "    - {name: one}\n");
  auto options = options_for(tree.root());
  options.list_keys["/configuration/hooks"] = "name";
  const auto result = load_flows({"a.yaml"}, options);
  CHECK(messages(result) ==
        std::vector<std::string>{tree.path("a.yaml") +
                                 ":5:14: configuration.hooks[1].name: "
                                 "duplicate name \"one\" (first at line 4)"});
}

TEST_CASE("a step whose verification is disabled is an error")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n"
                       "configuration:\n"
                       "  phoneVerification:\n"
                       "    enabled: false\n"
                       "  emailVerification: {enabled: true}\n"
                       "steps:\n"
                       "  - {stepType: email, order: 1}\n"
                       "  - {stepType: phone, order: 2}\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("a.yaml") +
            ":8:16: steps[1].stepType: step 'phone' needs "
            "configuration.phoneVerification, which is disabled (line 4)"});
}

TEST_CASE("a disabled section is no error when steps are unmanaged")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\nconfiguration:\n  phoneVerification: "
                       "{enabled: false}\n");
  tree.write("b.yaml", "id: b\nsteps:\n  - {stepType: phone, order: 1}\n");
  const auto result = load(tree, {"a.yaml", "b.yaml"});
  CHECK(messages(result).empty());
  CHECK(ids(result) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("steps need a type and an order of at least 1")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\nsteps:\n  - {order: 0}\n  - stepType: ''\n"
                       "    order: 2\n  - 3\n");
  const auto result = load(tree, {"a.yaml"});
  const auto file = tree.path("a.yaml");
  CHECK(messages(result) ==
        std::vector<std::string>{
            file + ":3:5: steps[0]: missing required field 'stepType'",
            file + ":3:13: steps[0].order: 0 is less than the minimum 1",
            file + ":4:15: steps[1].stepType: must not be empty",
            file + ":6:5: steps[2]: expected object, got integer 3"});
}

TEST_CASE("unknown configuration sections and keys pass, as the API grows")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\nconfiguration:\n"
                       "  securityThresholds: {maxAttempts: 3}\n"
                       "  emailVerification: {enabled: true, expiry: 300}\n"
                       "steps:\n  - {stepType: custom, order: 1, label: x}\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result).empty());
  CHECK(ids(result) == std::vector<std::string>{"a"});
}

TEST_CASE("a document that is not a mapping is an error")
{
  TempTree tree;
  tree.write("a.yaml", "- id: a\n---\njust text\n");
  const auto result = load(tree, {"a.yaml"});
  CHECK(messages(result) ==
        std::vector<std::string>{
            tree.path("a.yaml") +
                ":1:1: a flow document must be a mapping, not a sequence",
            tree.path("a.yaml") +
                ":3:1: a flow document must be a mapping, not a string"});
}

TEST_CASE("empty documents declare nothing")
{
  TempTree tree;
  tree.write("a.yaml", "---\n---\nid: a\n---\n");
  tree.write("b.yaml", "# nothing yet\n");
  const auto result = load(tree, {"a.yaml", "b.yaml"});
  CHECK(messages(result).empty());
  CHECK(ids(result) == std::vector<std::string>{"a"});
}

TEST_CASE("every error of a run is reported, sorted by file and line")
{
  TempTree tree;
  tree.write("flows/b.yaml", "id: b\nstatus: on\nname: [1]\n");
  tree.write("flows/a.yaml", "stauts: x\nid: a\nid: a2\n");
  tree.write("flows/c.yaml", "id: c\n");
  const auto result = load(tree, {"flows", "missing.yaml"});
  CHECK(
      messages(result) ==
      std::vector<std::string>{
          tree.path("flows/a.yaml") +
              ":1:1: unknown field 'stauts' (did you mean 'status'?)",
          tree.path("flows/a.yaml") +
              ":3:1: duplicate key 'id' (first at line 2)",
          tree.path("flows/b.yaml") +
              ":2:9: status: \"on\" is not one of draft, active, paused",
          tree.path("flows/b.yaml") + ":3:7: name: expected string, got array",
          tree.path("missing.yaml") + ": no such file or directory"});
  CHECK(ids(result) == std::vector<std::string>{"c"});
}

TEST_CASE("a file with one bad document contributes no flows")
{
  TempTree tree;
  tree.write("a.yaml", "id: good\n---\nid: bad\nstatus: nope\n");
  tree.write("b.yaml", "id: other\n");
  const auto result = load(tree, {"a.yaml", "b.yaml"});
  CHECK(messages(result).size() == 1);
  CHECK(ids(result) == std::vector<std::string>{"other"});
}

TEST_CASE("${var:NAME} takes a value from vars and stays a string")
{
  TempTree tree;
  tree.write("a.yaml", "id: a_${var:region}\n"
                       "name: Flow ${var:region}/${var:n}\n"
                       "steps:\n  - {stepType: email, order: \"${var:n}\"}\n");
  auto options = options_for(tree.root());
  options.vars = {{"region", "eu"}, {"n", "5"}};
  const auto result = load_flows({"a.yaml"}, options);
  CHECK(messages(result) ==
        std::vector<std::string>{tree.path("a.yaml") +
                                 ":4:30: steps[0].order: expected integer, got "
                                 "string \"5\""});

  tree.write("a.yaml", "id: a_${var:region}\nname: Flow ${var:region}\n");
  const auto good = load_flows({"a.yaml"}, options);
  REQUIRE(messages(good).empty());
  CHECK(good.flows[0].id == "a_eu");
  CHECK(good.flows[0].fields.at("name") == "Flow eu");
  CHECK(good.flows[0].sensitive_pointers.empty());
}

TEST_CASE("a missing ${env:NAME} or ${var:NAME} is an error at the scalar")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n"
                       "name: ${var:nope}\n"
                       "description: x ${env:FLOWCTL_TEST_UNSET} y\n"
                       "configuration:\n"
                       "  webhook: {url: \"${other:x}\", secret: \"${env:}\"}\n"
                       "  x: \"${var:unclosed\"\n");
  const auto result = load(tree, {"a.yaml"});
  const auto file = tree.path("a.yaml");
  const std::string help =
      "use ${env:NAME} or ${var:NAME}, or $${ for a literal ${";
  CHECK(
      messages(result) ==
      std::vector<std::string>{
          file + ":2:7: variable 'nope' is not defined in vars",
          file + ":3:14: environment variable 'FLOWCTL_TEST_UNSET' is not set",
          file + ":5:18: unknown reference '${other:x}' (" + help + ")",
          file + ":5:40: unknown reference '${env:}' (" + help + ")",
          file + ":6:6: unterminated '${' (" + help + ")"});
}

TEST_CASE("with allow_unset_env an unset variable is a note and its value "
          "goes unchecked")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n"
                       "status: ${env:FLOWCTL_TEST_UNSET}\n"
                       "stauts: active\n"
                       "name: ${var:nope}\n");
  auto options = options_for(tree.root());
  options.allow_unset_env = true;
  const auto result = load_flows({"a.yaml"}, options);
  const auto file = tree.path("a.yaml");
  CHECK(messages(result) ==
        std::vector<std::string>{
            file + ":3:1: unknown field 'stauts' (did you mean 'status'?)",
            file + ":4:7: variable 'nope' is not defined in vars"});
  REQUIRE(result.notes.size() == 1);
  CHECK(result.notes[0].to_string() ==
        file + ":2:9: environment variable 'FLOWCTL_TEST_UNSET' is not set");
}

TEST_CASE("$${ writes a literal ${ and is not sensitive")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n"
                       "description: \"cost $5, template $${name}, $$x\"\n");
  const auto result = load(tree, {"a.yaml"});
  REQUIRE(messages(result).empty());
  CHECK(result.flows[0].fields.at("description") ==
        "cost $5, template ${name}, $$x");
  CHECK(result.flows[0].sensitive_pointers.empty());
}

TEST_CASE("every string that takes from the environment is sensitive")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\n"
                       "configuration:\n"
                       "  webhook:\n"
                       "    secret: ${env:FLOWCTL_TEST_WEBHOOK_SECRET}\n"
                       "    url: https://x/${env:FLOWCTL_TEST_WEBHOOK_SECRET}\n"
                       "steps:\n"
                       "  - {stepType: a, order: 1, config: {key: "
                       "\"${env:FLOWCTL_TEST_WEBHOOK_SECRET}\"}}\n");
  const auto result = load(tree, {"a.yaml"});
  REQUIRE(messages(result).empty());
  CHECK(result.flows[0].sensitive_pointers ==
        std::vector<std::string>{"/configuration/webhook/secret",
                                 "/configuration/webhook/url",
                                 "/steps/0/config/key"});
  CHECK(result.flows[0].fields["configuration"]["webhook"]["url"] ==
        "https://x/s3cret");
}

TEST_CASE("a value from the environment never appears in a message")
{
  TempTree tree;
  tree.write("a.yaml",
             "id: a\n"
             "status: ${env:FLOWCTL_TEST_WEBHOOK_SECRET}\n"
             "configuration:\n"
             "  webhook: {events: \"${env:FLOWCTL_TEST_WEBHOOK_SECRET}\"}\n"
             "steps:\n"
             "  - {stepType: a, order: 1, key: "
             "\"${env:FLOWCTL_TEST_WEBHOOK_SECRET}\"}\n"
             "  - {stepType: b, order: 2, key: "
             "\"${env:FLOWCTL_TEST_WEBHOOK_SECRET}\"}\n");
  auto options = options_for(tree.root());
  options.list_keys = {{"steps", "key"}};
  const auto result = load_flows({"a.yaml"}, options);
  const auto file = tree.path("a.yaml");
  CHECK(messages(result) ==
        std::vector<std::string>{
            file + ":2:9: status: (sensitive) is not one of draft, active, "
                   "paused",
            file + ":4:21: configuration.webhook.events: expected array, got "
                   "string (sensitive)",
            file + ":7:34: steps[1].key: duplicate key (sensitive) (first at "
                   "line 6)"});
}

TEST_CASE("the process environment is the default source of ${env:NAME}")
{
  TempTree tree;
  tree.write("a.yaml", "id: a\nname: ${env:FLOWCTL_TEST_FROM_PROCESS}\n");
  ::setenv("FLOWCTL_TEST_FROM_PROCESS", "from the process", 1);
  LoadOptions options;
  options.base_dir = tree.root();
  const auto result = load_flows({"a.yaml"}, options);
  ::unsetenv("FLOWCTL_TEST_FROM_PROCESS");
  REQUIRE(messages(result).empty());
  CHECK(result.flows[0].fields.at("name") == "from the process");
}

TEST_CASE("a staging overlay extends a flow of the main tree")
{
  const auto result = load_flows({"envs/staging"}, options_for(k_repo));
  REQUIRE(messages(result).empty());
  REQUIRE(result.flows.size() == 1);
  const auto& flow = result.flows[0];
  CHECK(flow.id == "staging_onboarding");
  CHECK(flow.fields.at("status") == "paused");
  CHECK(flow.fields.at("name") == "Onboarding (staging)");
  CHECK(flow.fields.at("steps").size() == 3);
  CHECK(flow.sensitive_pointers ==
        std::vector<std::string>{"/configuration/webhook/secret"});
}
