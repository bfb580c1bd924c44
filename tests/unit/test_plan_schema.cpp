#include "desired/embedded_schemas.hpp"
#include "diff/canonical.hpp"
#include "plan/plan_builder.hpp"
#include "plan/plan_document.hpp"

#include <doctest/doctest.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace {

using flowctl::desired::DesiredFlow;
using flowctl::diff::DiffOptions;
using flowctl::live::ApiError;
using flowctl::live::FlowResult;
using flowctl::plan::Plan;
using flowctl::plan::plan_flow;
using flowctl::plan::to_document;
using nlohmann::json;

constexpr const char* k_secret = "whsec-never-show-me";
constexpr const char* k_env_name = "Name-from-the-environment";

class PlanSchema {
public:
  PlanSchema()
  {
    auto text = json::parse(flowctl::desired::k_plan_schema);
    valijson::adapters::NlohmannJsonAdapter adapter(text);
    valijson::SchemaParser parser;
    parser.populateSchema(adapter, m_schema);
  }

  // Empty when the document is valid, else every error, one per line.
  std::string errors(const json& document) const
  {
    valijson::Validator validator;
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    valijson::ValidationResults results;
    if (validator.validate(m_schema, adapter, &results)) {
      return "";
    }
    std::string text;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      for (const auto& part : error.context) {
        text += part;
      }
      text += ": " + error.description + "\n";
    }
    return text.empty() ? "invalid" : text;
  }

  bool accepts(const json& document) const { return errors(document).empty(); }

private:
  valijson::Schema m_schema;
};

const PlanSchema& plan_schema()
{
  static const PlanSchema schema;
  return schema;
}

json live_flow(const std::string& id, const json& fields)
{
  json flow{{"_id", id},
            {"project", "project_123456789"},
            {"client", "client_123456789"},
            {"type", "onboarding"},
            {"version", 3},
            {"createdAt", "2024-01-15T10:30:00Z"},
            {"updatedAt", "2024-02-01T08:00:00Z"}};
  flow.update(fields);
  return flow;
}

DesiredFlow desired_flow(const std::string& id, const std::string& file,
                         json fields)
{
  DesiredFlow flow;
  flow.id = id;
  flow.file = file;
  flow.mark.file = file;
  flow.mark.line = 2;
  flow.mark.column = 1;
  flow.fields = std::move(fields);
  flow.file_digest = flowctl::diff::digest(json(file));
  return flow;
}

json onboarding_fields(const std::string& status, const std::string& method,
                       const std::string& secret)
{
  return {
      {"status", status},
      {"configuration",
       {{"phoneVerification", {{"enabled", true}, {"method", method}}},
        {"webhook",
         {{"url", "https://hooks.example.test/flow"}, {"secret", secret}}}}},
      {"steps", json::array({{{"stepType", "email"}, {"order", 1}},
                             {{"stepType", "phone"}, {"order", 2}}})}};
}

// An update with sensitive values from the configuration and from the
// environment, an unchanged flow and a flow the API could not give.
Plan rich_plan()
{
  DiffOptions options;
  options.ignore = {"/configuration/securityThresholds"};
  options.sensitive = {"/configuration/webhook/secret"};

  auto changed_fields = onboarding_fields("active", "sms", k_secret);
  changed_fields["name"] = k_env_name;
  changed_fields["steps"].push_back({{"stepType", "document"}, {"order", 3}});
  auto changed =
      desired_flow("project_flow_1", "flows/onboarding.yaml", changed_fields);
  changed.sensitive_pointers = {"/name"};
  auto changed_live = onboarding_fields("draft", "whatsapp", "old-secret");
  changed_live["name"] = "Old name";
  changed_live["configuration"]["legacy"] = true;

  auto same_fields = onboarding_fields("active", "sms", "same-secret");
  auto same = desired_flow("project_flow_2", "flows/login.yaml", same_fields);

  auto gone = desired_flow("project_flow_3", "flows/gone.yaml",
                           onboarding_fields("active", "sms", "x"));
  FlowResult missing{
      "project_flow_3", std::nullopt,
      ApiError{404, "PROJECT_FLOW_NOT_FOUND", "Project flow not found"}};

  Plan plan;
  plan.flowctl_version = "0.1.0";
  plan.created_at = "2024-03-01T12:00:00Z";
  plan.api_url = "http://127.0.0.1:8080";
  plan.environment = "staging";
  plan.options = options;
  plan.flows.push_back(plan_flow(
      changed, FlowResult{changed.id, live_flow(changed.id, changed_live), {}},
      options));
  plan.flows.push_back(plan_flow(
      same, FlowResult{same.id, live_flow(same.id, same_fields), {}}, options));
  plan.flows.push_back(plan_flow(gone, missing, options));
  return plan;
}

std::string read_source(const std::string& relative)
{
  std::ifstream in(std::string(FLOWCTL_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("the compiled-in plan schema is the one in schemas/")
{
  CHECK(json::parse(flowctl::desired::k_plan_schema) ==
        json::parse(read_source("schemas/plan.schema.json")));
}

TEST_CASE("a plan with an update, an unchanged and a failed flow is valid")
{
  auto plan = rich_plan();
  REQUIRE(plan.flows.size() == 3);
  REQUIRE(plan.flows[0].action == flowctl::plan::Action::update);
  REQUIRE(plan.flows[1].action == flowctl::plan::Action::unchanged);
  REQUIRE(plan.flows[2].action == flowctl::plan::Action::failed);

  auto document = to_document(plan);

  CHECK(plan_schema().errors(document) == "");
  // The document round-trips through text, as a saved plan does.
  CHECK(plan_schema().accepts(json::parse(document.dump())));
}

TEST_CASE("the valid rich plan holds its secrets only as digests")
{
  auto document = to_document(rich_plan());
  auto text = document.dump();

  CHECK(text.find(k_secret) == std::string::npos);
  CHECK(text.find(k_env_name) == std::string::npos);
  CHECK(text.find("\"$sensitive\":\"hmac-sha256:") != std::string::npos);
}

namespace {

// The document's dump with "flows" moved to the end.
std::string dump_with_flows_last(const nlohmann::json& document)
{
  nlohmann::ordered_json ordered;
  for (const auto& [name, value] : document.items()) {
    if (name != "flows") {
      ordered[name] = nlohmann::ordered_json(value);
    }
  }
  ordered["flows"] = nlohmann::ordered_json(document["flows"]);
  return ordered.dump(2) + "\n";
}

} // namespace

TEST_CASE("the plan text built flow by flow is the document, its flows last")
{
  auto plan = rich_plan();
  // Text in a value that looks like the member the flows are put in.
  plan.environment = "\n  \"flows\": []";
  const auto text = flowctl::plan::document_text(plan);
  CHECK(text == dump_with_flows_last(to_document(plan)));
  CHECK(nlohmann::json::parse(text) == to_document(plan));
  CHECK(text.find("\"format_version\"") < text.find("\"flows\": ["));
  CHECK(flowctl::plan::document_text(Plan{}) ==
        dump_with_flows_last(to_document(Plan{})));
}

TEST_CASE("a plan read from its text flow by flow is the plan saved")
{
  const auto plan = rich_plan();
  const auto read =
      flowctl::plan::parse_document(flowctl::plan::document_text(plan));
  REQUIRE(read);
  REQUIRE(read->error == "");
  CHECK(read->plan.flows.size() == 3);
  // Its sensitive values are markers already, and are written as they are.
  CHECK(flowctl::plan::document_text(read->plan) ==
        flowctl::plan::document_text(plan));
}

TEST_CASE("a saved plan with a broken flow is not read")
{
  auto document = to_document(rich_plan());
  document["flows"][1]["action"] = "explode";
  const auto read = flowctl::plan::parse_document(document.dump());
  REQUIRE(read);
  CHECK(read->error == "not a valid plan: unknown action for flow "
                       "project_flow_2");
  CHECK(read->plan.flows.empty());

  // The version is what is reported when it is not this flowctl's.
  document["format_version"] = 2;
  CHECK(flowctl::plan::parse_document(document.dump())->error ==
        "plan format_version 2 is not supported (this flowctl reads 1)");
  CHECK_FALSE(flowctl::plan::parse_document("[1, 2]"));

  // The first bad element is named, whatever comes after it.
  document["format_version"] = 1;
  document["flows"].push_back(1);
  CHECK(flowctl::plan::parse_document(document.dump())->error ==
        "not a valid plan: unknown action for flow project_flow_2");

  CHECK_FALSE(flowctl::plan::parse_document("{\"flows\": ["));
}

TEST_CASE("a repeated flows member replaces the one before, as in JSON")
{
  const auto whole = to_document(rich_plan()).dump();
  const auto first = to_document(rich_plan())["flows"][0].dump();
  const auto twice = "{\"flows\": [" + first + "]," + whole.substr(1);
  const auto read = flowctl::plan::parse_document(twice);
  REQUIRE(read);
  CHECK(read->error == "");
  CHECK(read->plan.flows.size() == 3);
}

TEST_CASE("an empty plan is valid")
{
  CHECK(plan_schema().errors(to_document(Plan{})) == "");
}

TEST_CASE("a plan without format_version is rejected")
{
  auto document = to_document(rich_plan());
  document.erase("format_version");

  CHECK_FALSE(plan_schema().accepts(document));
}

TEST_CASE("a plan of another format_version is rejected")
{
  auto document = to_document(rich_plan());
  document["format_version"] = 2;

  CHECK_FALSE(plan_schema().accepts(document));
}

TEST_CASE("a field the schema does not know is rejected")
{
  auto document = to_document(rich_plan());
  SUBCASE("at the top")
  {
    document["token"] = "abc";
  }
  SUBCASE("in a flow")
  {
    document["flows"][0]["extra"] = 1;
  }
  SUBCASE("in a change")
  {
    document["flows"][0]["changes"][0]["x"] = 1;
  }
  SUBCASE("in the options")
  {
    document["options"]["colour"] = true;
  }
  SUBCASE("in the summary")
  {
    document["summary"]["deleted"] = 0;
  }

  CHECK_FALSE(plan_schema().accepts(document));
}

TEST_CASE("a server-managed field in a PUT body is rejected")
{
  auto document = to_document(rich_plan());
  document["flows"][0]["body"]["_id"] = "project_flow_1";

  CHECK_FALSE(plan_schema().accepts(document));
}

TEST_CASE("a sensitive marker must hold a sha256 digest and nothing else")
{
  auto document = to_document(rich_plan());
  auto& body = document["flows"][0]["body"];
  REQUIRE(body.contains("name"));
  REQUIRE(body["name"].contains("$sensitive"));

  SUBCASE("not a digest")
  {
    body["name"]["$sensitive"] = "plain text";
  }
  SUBCASE("with the value beside it")
  {
    body["name"]["value"] = "x";
  }
  SUBCASE("deep inside a value")
  {
    body["configuration"]["webhook"]["secret"] = {{"$sensitive", 1}};
  }

  CHECK_FALSE(plan_schema().accepts(document));
}

TEST_CASE("a failed flow carries an error and nothing to apply")
{
  auto document = to_document(rich_plan());
  auto& failed = document["flows"][2];
  REQUIRE(failed.contains("error"));

  SUBCASE("with changes")
  {
    failed["changes"] = json::array();
  }
  SUBCASE("with a body")
  {
    failed["body"] = json::object();
  }
  SUBCASE("with another action")
  {
    failed["action"] = "update";
  }
  SUBCASE("error without a code")
  {
    failed["error"].erase("code");
  }

  CHECK_FALSE(plan_schema().accepts(document));
}

TEST_CASE("a planned flow needs its digests, changes and body")
{
  auto document = to_document(rich_plan());
  auto& flow = document["flows"][0];

  SUBCASE("no live digest")
  {
    flow.erase("live_digest");
  }
  SUBCASE("no body")
  {
    flow.erase("body");
  }
  SUBCASE("bad file digest")
  {
    flow["file_digest"] = "md5:abc";
  }
  SUBCASE("an update without changes")
  {
    flow["changes"] = json::array();
  }
  SUBCASE("an unknown action")
  {
    flow["action"] = "delete";
  }

  CHECK_FALSE(plan_schema().accepts(document));
}

TEST_CASE("a change has the sides its operation implies")
{
  auto document = to_document(rich_plan());
  auto& changes = document["flows"][0]["changes"];
  auto find_op = [&](const std::string& op) -> json& {
    for (auto& change : changes) {
      if (change["op"] == op) {
        return change;
      }
    }
    FAIL("no change with op " << op);
    return changes[0];
  };

  SUBCASE("an add with a before")
  {
    find_op("add")["before"] = 1;
  }
  SUBCASE("a remove with an after")
  {
    find_op("remove")["after"] = 1;
  }
  SUBCASE("a replace without a before")
  {
    find_op("replace").erase("before");
  }
  SUBCASE("an unknown op")
  {
    find_op("replace")["op"] = "move";
  }

  CHECK_FALSE(plan_schema().accepts(document));
}
