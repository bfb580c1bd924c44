#include "plan/render_markdown.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using flowctl::diff::Change;
using flowctl::diff::Op;
using flowctl::plan::Action;
using flowctl::plan::FlowError;
using flowctl::plan::FlowPlan;
using flowctl::plan::MarkdownOptions;
using flowctl::plan::Plan;
using flowctl::plan::render_markdown;
using nlohmann::json;

Change make_change(std::string path, std::string pointer, Op op, json before,
                   json after, bool sensitive = false)
{
  Change change;
  change.path = std::move(path);
  change.pointer = std::move(pointer);
  change.op = op;
  change.before = std::move(before);
  change.after = std::move(after);
  change.sensitive = sensitive;
  return change;
}

FlowPlan updated(std::string id, std::string file, std::vector<Change> changes,
                 std::vector<std::string> sensitive = {})
{
  FlowPlan flow;
  flow.id = std::move(id);
  flow.file = std::move(file);
  flow.line = 2;
  flow.action = Action::update;
  flow.changes = std::move(changes);
  flow.sensitive = std::move(sensitive);
  return flow;
}

FlowPlan unchanged(std::string id)
{
  FlowPlan flow;
  flow.id = std::move(id);
  flow.file = "flows/same.yaml";
  flow.action = Action::unchanged;
  return flow;
}

FlowPlan failed(std::string id, std::string file, FlowError error)
{
  FlowPlan flow;
  flow.id = std::move(id);
  flow.file = std::move(file);
  flow.line = 4;
  flow.action = Action::failed;
  flow.error = std::move(error);
  return flow;
}

Plan plan_of(std::vector<FlowPlan> flows)
{
  Plan plan;
  plan.flows = std::move(flows);
  return plan;
}

std::size_t count(const std::string& text, const std::string& needle)
{
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++found;
  }
  return found;
}

FlowPlan status_flow(std::size_t index)
{
  auto id = "project_flow_" + std::to_string(index);
  return updated(
      id, "flows/generated/" + id + ".yaml",
      {make_change("status", "/status", Op::replace, "draft", "active"),
       make_change("configuration.phoneVerification.method",
                   "/configuration/phoneVerification/method", Op::replace,
                   "whatsapp", "sms")});
}

} // namespace

TEST_CASE("markdown gives the summary, failures, then a section per change")
{
  auto plan = plan_of(
      {unchanged("flow_same"),
       updated(
           "project_flow_123456789", "flows/onboarding.yaml",
           {make_change("status", "/status", Op::replace, "draft", "active"),
            make_change("steps[order=4]", "/steps/3", Op::add, json(),
                        json{{"order", 4}}),
            make_change("configuration.legacy", "/configuration/legacy",
                        Op::remove, true, json())}),
       failed("project_flow_gone", "flows/gone.yaml",
              FlowError{404, "PROJECT_FLOW_NOT_FOUND",
                        "Project flow not found"})});

  CHECK(render_markdown(plan, MarkdownOptions{}) ==
        "<!-- flowctl-plan -->\n"
        "## flowctl plan\n"
        "\n"
        "**Plan:** 1 to update, 1 unchanged, 1 failed\n"
        "\n"
        "### Failed flows\n"
        "\n"
        "<ul>\n"
        "<li><code>project_flow_gone</code> (flows/gone.yaml:4): HTTP 404 "
        "PROJECT_FLOW_NOT_FOUND: Project flow not found</li>\n"
        "</ul>\n"
        "\n"
        "<details><summary>~ <code>project_flow_123456789</code> "
        "(flows/onboarding.yaml) — 3 changes</summary>\n"
        "\n"
        "```diff\n"
        "- status: \"draft\"\n"
        "+ status: \"active\"\n"
        "+ steps[order=4]: {\"order\":4}\n"
        "- configuration.legacy: true\n"
        "```\n"
        "\n"
        "</details>\n"
        "\n");
}

TEST_CASE("markdown starts with the marker a workflow looks for")
{
  auto text = render_markdown(Plan{}, MarkdownOptions{});

  CHECK(text.rfind("<!-- flowctl-plan -->\n", 0) == 0);
}

TEST_CASE("markdown says when nothing changes and lists no unchanged flow")
{
  auto plan = plan_of({unchanged("flow_a"), unchanged("flow_b")});

  CHECK(render_markdown(plan, MarkdownOptions{}) ==
        "<!-- flowctl-plan -->\n"
        "## flowctl plan\n"
        "\n"
        "**Plan:** 0 to update, 2 unchanged, 0 failed\n"
        "\n"
        "No changes. Live flows match the files.\n"
        "\n");
}

TEST_CASE("one change is counted in the singular")
{
  auto plan = plan_of(
      {updated("flow_a", "flows/a.yaml",
               {make_change("name", "/name", Op::replace, "Old", "New")})});

  auto text = render_markdown(plan, MarkdownOptions{});

  CHECK(text.find("— 1 change</summary>") != std::string::npos);
}

TEST_CASE("a long value becomes indented diff lines")
{
  json value{{"config", {{"verificationMethod", "verificationCode"}}},
             {"order", 4},
             {"stepType", "document"}};
  auto plan = plan_of({updated(
      "flow_a", "flows/a.yaml",
      {make_change("steps[order=4]", "/steps/3", Op::add, json(), value)})});

  auto text = render_markdown(plan, MarkdownOptions{});

  CHECK(text.find("```diff\n"
                  "+ steps[order=4]:\n"
                  "+    {\n"
                  "+      \"config\": {\n"
                  "+        \"verificationMethod\": \"verificationCode\"\n"
                  "+      },\n"
                  "+      \"order\": 4,\n"
                  "+      \"stepType\": \"document\"\n"
                  "+    }\n"
                  "```\n") != std::string::npos);
}

TEST_CASE("hostile names cannot break out of the markup")
{
  auto plan = plan_of(
      {updated("x</code></summary></details><script>|`",
               "flows/</details>&amp;|`.yaml",
               {make_change("configuration[\"```\\n</details>\"]",
                            "/configuration/```", Op::add, json(),
                            "````</details>")}),
       failed("flow_<b>", "flows/f.yaml",
              FlowError{500, "E", "<img src=x onerror=alert(1)>\n\n# hi"})});
  MarkdownOptions options;
  options.title = "plan <for> `prod` | main";

  auto text = render_markdown(plan, options);

  // Markup text from users arrives as entities; inside the code block it
  // is inert, and the fence outgrows the longest run of backticks.
  CHECK(text == "<!-- flowctl-plan -->\n"
                "## plan &lt;for&gt; &#96;prod&#96; &#124; main\n"
                "\n"
                "**Plan:** 1 to update, 0 unchanged, 1 failed\n"
                "\n"
                "### Failed flows\n"
                "\n"
                "<ul>\n"
                "<li><code>flow_&lt;b&gt;</code> (flows/f.yaml:4): HTTP 500 E: "
                "&lt;img src=x onerror=alert(1)&gt;\\x0a\\x0a# hi</li>\n"
                "</ul>\n"
                "\n"
                "<details><summary>~ <code>x&lt;/code&gt;&lt;/summary&gt;"
                "&lt;/details&gt;&lt;script&gt;&#124;&#96;</code> "
                "(flows/&lt;/details&gt;&amp;amp;&#124;&#96;.yaml) — 1 "
                "change</summary>\n"
                "\n"
                "`````diff\n"
                "+ configuration[\"```\\n</details>\"]: \"````</details>\"\n"
                "`````\n"
                "\n"
                "</details>\n"
                "\n");
  CHECK(text.find("<script") == std::string::npos);
  CHECK(text.find("<img") == std::string::npos);
}

TEST_CASE("sensitive values never reach the comment")
{
  json before{{"webhook", {{"secret", "old-hunter2"}, {"url", "https://a"}}}};
  auto plan = plan_of({updated(
      "flow_a", "flows/a.yaml",
      {make_change("configuration", "/configuration", Op::replace, before,
                   json{{"webhook", {{"secret", "new-hunter2"}}}}, true),
       make_change("name", "/name", Op::replace, "env-old", "env-new", true)},
      {"/configuration/webhook/secret"})});

  auto text = render_markdown(plan, MarkdownOptions{});

  CHECK(text.find("hunter2") == std::string::npos);
  CHECK(text.find("env-") == std::string::npos);
  CHECK(text.find("- name: (sensitive)\n+ name: (sensitive)\n") !=
        std::string::npos);
  CHECK(text.find("(sensitive)\"") != std::string::npos);
}

TEST_CASE("five thousand changed flows fit GitHub's limit with a note")
{
  std::vector<FlowPlan> flows;
  for (std::size_t i = 0; i < 5000; ++i) {
    flows.push_back(status_flow(i));
  }
  flows.push_back(failed("flow_broken", "flows/broken.yaml",
                         FlowError{503, "UNAVAILABLE", "try later"}));
  auto plan = plan_of(std::move(flows));
  MarkdownOptions options;

  auto text = render_markdown(plan, options);

  CHECK(text.size() <= 65000);
  CHECK(text.size() > 60000);
  CHECK(text.rfind("<!-- flowctl-plan -->\n", 0) == 0);
  CHECK(text.find("**Plan:** 5000 to update, 0 unchanged, 1 failed\n") !=
        std::string::npos);
  CHECK(text.find("flow_broken") != std::string::npos);

  auto shown = count(text, "</details>");
  CHECK(shown > 0);
  CHECK(count(text, "<details>") == shown);
  CHECK(count(text, "```diff\n") == shown);
  auto note = "**" + std::to_string(5000 - shown) +
              " flows are not shown** to keep this comment within 65000 "
              "characters. The full plan is in the workflow run's plan "
              "artifact.\n";
  CHECK(text.size() >= note.size());
  CHECK(text.substr(text.size() - note.size()) == note);
}

TEST_CASE("the cap is GitHub's 65,536 when asked, with a custom hint")
{
  std::vector<FlowPlan> flows;
  for (std::size_t i = 0; i < 5000; ++i) {
    flows.push_back(status_flow(i));
  }
  MarkdownOptions options;
  options.max_chars = 65536;
  options.full_plan_hint = "See [the artifact](https://example.test/run).";

  auto text = render_markdown(plan_of(std::move(flows)), options);

  CHECK(text.size() <= 65536);
  CHECK(text.find("within 65536 characters. See [the artifact]"
                  "(https://example.test/run).\n") != std::string::npos);
}

TEST_CASE("a flow too big to fit is left out and the smaller ones still shown")
{
  auto huge = updated("flow_huge", "flows/huge.yaml",
                      {make_change("description", "/description", Op::replace,
                                   "a", std::string(5000, 'h'))});
  auto plan = plan_of({huge, status_flow(1), status_flow(2)});
  MarkdownOptions options;
  options.max_chars = 2000;

  auto text = render_markdown(plan, options);

  CHECK(text.size() <= 2000);
  CHECK(text.find("flow_huge") == std::string::npos);
  CHECK(text.find("<code>project_flow_1</code>") != std::string::npos);
  CHECK(text.find("<code>project_flow_2</code>") != std::string::npos);
  CHECK(text.find("**1 flow is not shown**") != std::string::npos);
}

TEST_CASE("failed flows are left out whole and counted when space is short")
{
  std::vector<FlowPlan> flows;
  for (int i = 0; i < 200; ++i) {
    flows.push_back(failed(
        "flow_" + std::to_string(i), "flows/x.yaml",
        FlowError{404, "PROJECT_FLOW_NOT_FOUND", "Project flow not found"}));
  }
  MarkdownOptions options;
  options.max_chars = 3000;

  auto text = render_markdown(plan_of(std::move(flows)), options);

  CHECK(text.size() <= 3000);
  auto shown = count(text, "<li>");
  CHECK(shown > 0);
  CHECK(count(text, "</li>\n") == shown);
  CHECK(text.find("<ul>\n") != std::string::npos);
  CHECK(text.find("</ul>\n") != std::string::npos);
  CHECK(text.find("**" + std::to_string(200 - shown) + " flows are not") !=
        std::string::npos);
}

TEST_CASE("even a tiny cap is never exceeded and never splits a character")
{
  MarkdownOptions options;
  options.title = "plan — ünïcödé ✓✓✓✓✓✓✓✓";
  auto plan = plan_of({status_flow(1)});

  for (std::size_t cap : {0, 10, 40, 41, 42, 43, 44, 45, 60, 100}) {
    options.max_chars = cap;
    auto text = render_markdown(plan, options);
    CHECK(text.size() <= cap);
    // Dumping throws on a string that is not valid UTF-8.
    CHECK_NOTHROW(json(text).dump());
  }
}
