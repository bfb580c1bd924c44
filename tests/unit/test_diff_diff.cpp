#include "diff/diff.hpp"

#include <doctest/doctest.h>

using namespace flowctl::diff;
using nlohmann::json;

namespace {

// One line per change: op, display path, pointer, before -> after.
std::vector<std::string> lines(const std::vector<Change>& changes)
{
  std::vector<std::string> result;
  for (const Change& change : changes) {
    result.push_back(std::string(to_string(change.op)) + " " + change.path +
                     " " + change.pointer + " " + change.before.dump() +
                     " -> " + change.after.dump());
  }
  return result;
}

std::vector<std::string> diff_lines(const std::string& desired,
                                    const std::string& live,
                                    const DiffOptions& options = {})
{
  return lines(diff_flow(json::parse(desired), json::parse(live), options));
}

using Lines = std::vector<std::string>;

const char* const k_vendor_live = R"({
  "_id": "project_flow_123456789", "project": "project_123456789",
  "type": "onboarding", "status": "draft", "version": 1,
  "name": "Onboarding", "description": "Sign-up",
  "configuration": {
    "emailVerification": {"enabled": true, "required": true,
                          "method": "verificationCode"},
    "phoneVerification": {"enabled": true, "required": true,
                          "method": "whatsapp"},
    "biometricVerification": {"enabled": true, "required": true,
                              "livenessDetection": true,
                              "antiSpoofing": true}},
  "steps": [{"stepType": "email", "order": 1, "required": true,
             "config": {"verificationMethod": "verificationCode"}}],
  "client": "client_123456789", "createdAt": "2024-01-15T10:30:00Z",
  "updatedAt": "2024-01-16T10:30:00Z"})";

const char* const k_vendor_desired = R"({
  "status": "active",
  "configuration": {
    "biometricVerification": {"antiSpoofing": true, "enabled": true,
                              "livenessDetection": true, "required": true},
    "emailVerification": {"method": "verificationCode", "enabled": true,
                          "required": true},
    "phoneVerification": {"enabled": true, "required": true,
                          "method": "sms"}}})";

} // namespace

TEST_CASE("the vendor example gives exactly the status and method changes")
{
  const auto changes = diff_flow(json::parse(k_vendor_desired),
                                 json::parse(k_vendor_live), DiffOptions{});
  REQUIRE(changes.size() == 2);

  CHECK(changes[0].path == "configuration.phoneVerification.method");
  CHECK(changes[0].pointer == "/configuration/phoneVerification/method");
  CHECK(changes[0].op == Op::replace);
  CHECK(changes[0].before == "whatsapp");
  CHECK(changes[0].after == "sms");
  CHECK_FALSE(changes[0].sensitive);

  CHECK(changes[1].path == "status");
  CHECK(changes[1].pointer == "/status");
  CHECK(changes[1].op == Op::replace);
  CHECK(changes[1].before == "draft");
  CHECK(changes[1].after == "active");
}

TEST_CASE("equal values give no change")
{
  CHECK(diff_lines(k_vendor_live, k_vendor_live).empty());
}

TEST_CASE("fields the file does not set are not compared")
{
  CHECK(diff_lines(R"({"status":"draft"})", k_vendor_live).empty());
}

TEST_CASE("server-managed fields are never compared")
{
  const auto desired = R"({"_id":"other","project":"p","client":"c",
    "type":"login","version":9,"createdAt":"x","updatedAt":"y","__v":3})";
  CHECK(diff_lines(desired, k_vendor_live).empty());
}

TEST_CASE("server-managed fields are known by name")
{
  for (const char* field : {"_id", "project", "client", "type", "version",
                            "createdAt", "updatedAt", "__v"}) {
    CHECK(is_server_managed(field));
  }
  CHECK_FALSE(is_server_managed("status"));
  CHECK_FALSE(is_server_managed("id"));
}

TEST_CASE("a live key the file lacks is a removal")
{
  CHECK(diff_lines(R"({"configuration":{"a":1}})",
                   R"({"configuration":{"a":1,"b":{"c":2}}})") ==
        Lines{R"(remove configuration.b /configuration/b {"c":2} -> null)"});
}

TEST_CASE("a key the file adds is an addition")
{
  CHECK(diff_lines(R"({"configuration":{"a":1,"b":[1]}})",
                   R"({"configuration":{"a":1}})") ==
        Lines{"add configuration.b /configuration/b null -> [1]"});
}

TEST_CASE("a field live lacks entirely is one addition of the whole value")
{
  CHECK(diff_lines(R"({"configuration":{"a":{"b":1}}})", R"({"name":"n"})") ==
        Lines{R"(add configuration /configuration null -> {"a":{"b":1}})"});
}

TEST_CASE("numbers compare by value whatever their type")
{
  CHECK(diff_lines(R"({"configuration":{"n":1.0}})",
                   R"({"configuration":{"n":1}})")
            .empty());
  const json desired = {{"configuration", {{"n", std::uint64_t{5}}}}};
  const json live = {{"configuration", {{"n", std::int64_t{5}}}}};
  CHECK(diff_flow(desired, live, {}).empty());
  CHECK(diff_lines(R"({"configuration":{"n":1.5}})",
                   R"({"configuration":{"n":1}})") ==
        Lines{"replace configuration.n /configuration/n 1 -> 1.5"});
}

TEST_CASE("an integer past a double's precision differs from the nearest "
          "double")
{
  // nlohmann's own equality converts the integer and calls these equal.
  CHECK(diff_lines(R"({"configuration":{"n":9007199254740993}})",
                   R"({"configuration":{"n":9007199254740992.0}})") ==
        Lines{"replace configuration.n /configuration/n 9.007199254740992e+15 "
              "-> 9007199254740993"});
}

TEST_CASE("identical fields and a change deep beside them")
{
  const std::string live =
      R"({"configuration":{"a":{"b":[1,{"c":null}]},"d":{"e":1}},
          "steps":[{"order":1,"config":{"x":[true]}}]})";
  CHECK(diff_lines(live, live).empty());
  CHECK(diff_lines(R"({"configuration":{"a":{"b":[1,{"c":null}]},"d":{"e":2}},
          "steps":[{"order":1,"config":{"x":[true]}}]})",
                   live) == Lines{"replace configuration.d.e "
                                  "/configuration/d/e 1 -> 2"});
}

TEST_CASE("object key order never matters")
{
  CHECK(diff_lines(R"({"configuration":{"a":1,"b":{"x":1,"y":2}}})",
                   R"({"configuration":{"b":{"y":2,"x":1},"a":1}})")
            .empty());
}

TEST_CASE("a nested null equals an absent key")
{
  CHECK(diff_lines(R"({"configuration":{"a":null}})", R"({"configuration":{}})")
            .empty());
  CHECK(diff_lines(R"({"configuration":{}})", R"({"configuration":{"a":null}})")
            .empty());
}

TEST_CASE("null against a value is an addition or a removal")
{
  CHECK(diff_lines(R"({"configuration":{"a":null}})",
                   R"({"configuration":{"a":1}})") ==
        Lines{"remove configuration.a /configuration/a 1 -> null"});
  CHECK(diff_lines(R"({"configuration":{"a":1}})",
                   R"({"configuration":{"a":null}})") ==
        Lines{"add configuration.a /configuration/a null -> 1"});
}

TEST_CASE("a top-level null is no value, like a nested one")
{
  CHECK(diff_lines(R"({"description":null})", R"({"description":"d"})") ==
        Lines{R"(remove description /description "d" -> null)"});
  CHECK(diff_lines(R"({"description":null})", "{}").empty());
}

TEST_CASE("different types are one replacement at that level")
{
  CHECK(diff_lines(R"({"configuration":{"a":{"b":1}}})",
                   R"({"configuration":{"a":"text"}})") ==
        Lines{R"(replace configuration.a /configuration/a "text" -> {"b":1})"});
  CHECK(diff_lines(R"({"configuration":{"a":"1"}})",
                   R"({"configuration":{"a":1}})") ==
        Lines{R"(replace configuration.a /configuration/a 1 -> "1")"});
  CHECK(diff_lines(R"({"configuration":{"a":[1]}})",
                   R"({"configuration":{"a":{"0":1}}})") ==
        Lines{R"(replace configuration.a /configuration/a {"0":1} -> [1])"});
  CHECK(diff_lines(R"({"configuration":{"a":true}})",
                   R"({"configuration":{"a":"true"}})")
            .size() == 1);
}

TEST_CASE("objects recurse down to the changed leaf")
{
  CHECK(diff_lines(R"({"configuration":{"a":{"b":{"c":1,"d":2}}}})",
                   R"({"configuration":{"a":{"b":{"c":1,"d":3}}}})") ==
        Lines{"replace configuration.a.b.d /configuration/a/b/d 3 -> 2"});
}

TEST_CASE("keys that are not identifiers are shown quoted")
{
  CHECK(diff_lines(R"({"configuration":{"a.b":{"x-y":1}}})",
                   R"({"configuration":{"a.b":{"x-y":2}}})") ==
        Lines{R"(replace configuration["a.b"]["x-y"] /configuration/a.b/x-y )"
              R"(2 -> 1)"});
  CHECK(
      diff_lines(R"({"configuration":{"a/b":1}})", R"({"configuration":{}})") ==
      Lines{R"(add configuration["a/b"] /configuration/a~1b null -> 1)"});
}

TEST_CASE("keyed steps reordered in the file are no change")
{
  const auto live = R"({"steps":[{"order":1,"stepType":"email"},
                                 {"order":2,"stepType":"phone"}]})";
  const auto desired = R"({"steps":[{"stepType":"phone","order":2},
                                    {"stepType":"email","order":1}]})";
  CHECK(diff_lines(desired, live).empty());
}

TEST_CASE("a change inside a keyed step names the step by its key")
{
  const auto live = R"({"steps":[
    {"order":3,"config":{"livenessDetection":false}},
    {"order":1,"config":{}}]})";
  const auto desired = R"({"steps":[
    {"order":1,"config":{}},
    {"order":3,"config":{"livenessDetection":true}}]})";
  CHECK(diff_lines(desired, live) ==
        Lines{"replace steps[order=3].config.livenessDetection "
              "/steps/1/config/livenessDetection false -> true"});
}

TEST_CASE("a removal inside a keyed step points into live")
{
  const auto live = R"({"steps":[{"order":2,"x":1},{"order":1,"y":1}]})";
  const auto desired = R"({"steps":[{"order":1,"y":1},{"order":2}]})";
  CHECK(diff_lines(desired, live) ==
        Lines{"remove steps[order=2].x /steps/0/x 1 -> null"});
}

TEST_CASE("keyed elements only on one side are whole additions or removals")
{
  const auto live = R"({"steps":[{"order":1},{"order":2,"a":1}]})";
  const auto desired = R"({"steps":[{"order":3,"b":2},{"order":1}]})";
  CHECK(diff_lines(desired, live) ==
        Lines{R"(add steps[order=3] /steps/0 null -> {"b":2,"order":3})",
              R"(remove steps[order=2] /steps/1 {"a":1,"order":2} -> null)"});
}

TEST_CASE("a step without the key makes the steps pair by index")
{
  const auto live = R"({"steps":[{"order":1},{"order":2}]})";
  const auto desired = R"({"steps":[{"order":2},{"stepType":"x"}]})";
  CHECK(diff_lines(desired, live) ==
        Lines{"replace steps[0].order /steps/0/order 1 -> 2",
              "remove steps[1].order /steps/1/order 2 -> null",
              R"(add steps[1].stepType /steps/1/stepType null -> "x")"});
}

TEST_CASE("duplicate step keys make the steps pair by index")
{
  const auto live = R"({"steps":[{"order":1,"a":1},{"order":2,"a":2}]})";
  const auto desired = R"({"steps":[{"order":2,"a":2},{"order":2,"a":1}]})";
  CHECK(diff_lines(desired, live) ==
        Lines{"replace steps[0].a /steps/0/a 1 -> 2",
              "replace steps[0].order /steps/0/order 1 -> 2",
              "replace steps[1].a /steps/1/a 2 -> 1"});
}

TEST_CASE("other arrays pair by index")
{
  CHECK(
      diff_lines(R"({"configuration":{"tags":["a","x","c"]}})",
                 R"({"configuration":{"tags":["a","b"]}})") ==
      Lines{R"(replace configuration.tags[1] /configuration/tags/1 "b" -> "x")",
            R"(add configuration.tags[2] /configuration/tags/2 null -> "c")"});
  CHECK(
      diff_lines(R"({"configuration":{"tags":["a"]}})",
                 R"({"configuration":{"tags":["a","b","c"]}})") ==
      Lines{
          R"(remove configuration.tags[1] /configuration/tags/1 "b" -> null)",
          R"(remove configuration.tags[2] /configuration/tags/2 "c" -> null)"});
}

TEST_CASE("arrays not named in the list keys reorder as changes")
{
  CHECK(diff_lines(R"({"configuration":{"tags":["b","a"]}})",
                   R"({"configuration":{"tags":["a","b"]}})")
            .size() == 2);
}

TEST_CASE("a null array element is a value, not an absence")
{
  CHECK(diff_lines(R"({"configuration":{"tags":[null]}})",
                   R"({"configuration":{"tags":[1]}})") ==
        Lines{"replace configuration.tags[0] /configuration/tags/0 1 -> null"});
  CHECK(diff_lines(R"({"configuration":{"tags":[null]}})",
                   R"({"configuration":{"tags":[]}})") ==
        Lines{"add configuration.tags[0] /configuration/tags/0 null -> null"});
}

TEST_CASE("a nested array named by pointer pairs by its key")
{
  DiffOptions options;
  options.list_keys["/configuration/webhooks"] = "name";
  const auto live = R"({"configuration":{"webhooks":[
    {"name":"audit","url":"u1"},{"name":"main","url":"u2"}]}})";
  const auto desired = R"({"configuration":{"webhooks":[
    {"name":"main","url":"u3"},{"name":"audit","url":"u1"}]}})";
  CHECK(diff_lines(desired, live, options) ==
        Lines{R"(replace configuration.webhooks[name=main].url )"
              R"(/configuration/webhooks/0/url "u2" -> "u3")"});
}

TEST_CASE("list keys replace the default steps key")
{
  DiffOptions options;
  options.list_keys = {};
  const auto live = R"({"steps":[{"order":1},{"order":2}]})";
  const auto desired = R"({"steps":[{"order":2},{"order":1}]})";
  CHECK(diff_lines(desired, live, options).size() == 2);
}

TEST_CASE("ignored paths produce no change")
{
  DiffOptions options;
  options.ignore = {"/configuration/securityThresholds"};
  CHECK(diff_lines(R"({"configuration":{"securityThresholds":{"min":1}}})",
                   R"({"configuration":{"securityThresholds":{"min":5}}})",
                   options)
            .empty());
  CHECK(diff_lines(R"({"configuration":{}})",
                   R"({"configuration":{"securityThresholds":{"min":5}}})",
                   options)
            .empty());
  CHECK(diff_lines(R"({"configuration":{"securityThresholds":1}})",
                   R"({"configuration":{}})", options)
            .empty());
}

TEST_CASE("an ignored path does not hide its neighbours")
{
  DiffOptions options;
  options.ignore = {"/configuration/a/secret"};
  CHECK(diff_lines(R"({"configuration":{"a":{"secret":"x","b":1}}})",
                   R"({"configuration":{"a":{"secret":"y","b":2}}})",
                   options) ==
        Lines{"replace configuration.a.b /configuration/a/b 2 -> 1"});
}

TEST_CASE("an ignored path inside a subtree the file drops stays")
{
  DiffOptions options;
  options.ignore = {"/configuration/a/keep"};
  CHECK(diff_lines(R"({"configuration":{}})",
                   R"({"configuration":{"a":{"keep":1,"drop":2}}})", options) ==
        Lines{"remove configuration.a.drop /configuration/a/drop 2 -> null"});
}

TEST_CASE("ignore patterns match any segment with a star")
{
  DiffOptions options;
  options.ignore = {"/steps/*/config/token"};
  const auto live = R"({"steps":[{"order":1,"config":{"token":"a"}},
                                 {"order":2,"config":{"token":"b"}}]})";
  const auto desired = R"({"steps":[{"order":2,"config":{"token":"c"}},
                                    {"order":1,"config":{"token":"d"}}]})";
  CHECK(diff_lines(desired, live, options).empty());
}

TEST_CASE("an ignored top-level field is not compared")
{
  DiffOptions options;
  options.ignore = {"/status"};
  CHECK(diff_lines(R"({"status":"active"})", R"({"status":"draft"})", options)
            .empty());
}

TEST_CASE("a change at a sensitive path is flagged")
{
  DiffOptions options;
  options.sensitive = {"/configuration/webhook/secret"};
  const auto changes =
      diff_flow(json::parse(R"({"configuration":{"webhook":{"secret":"n",
                                                            "url":"u"}}})"),
                json::parse(R"({"configuration":{"webhook":{"secret":"o",
                                                            "url":"v"}}})"),
                options);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].path == "configuration.webhook.secret");
  CHECK(changes[0].sensitive);
  CHECK(changes[1].path == "configuration.webhook.url");
  CHECK_FALSE(changes[1].sensitive);
}

TEST_CASE("a change under a sensitive path is flagged")
{
  DiffOptions options;
  options.sensitive = {"/configuration/webhook"};
  const auto changes = diff_flow(
      json::parse(R"({"configuration":{"webhook":{"k":"new"}}})"),
      json::parse(R"({"configuration":{"webhook":{"k":"old"}}})"), options);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].sensitive);
}

TEST_CASE("a change whose value holds a sensitive path is flagged")
{
  DiffOptions options;
  options.sensitive = {"/configuration/webhook/secret"};
  const auto added =
      diff_flow(json::parse(R"({"configuration":{"webhook":{"secret":"s"}}})"),
                json::parse("{}"), options);
  REQUIRE(added.size() == 1);
  CHECK(added[0].op == Op::add);
  CHECK(added[0].sensitive);

  const auto removed = diff_flow(
      json::parse(R"({"configuration":{}})"),
      json::parse(R"({"configuration":{"webhook":{"secret":"s"}}})"), options);
  REQUIRE(removed.size() == 1);
  CHECK(removed[0].op == Op::remove);
  CHECK(removed[0].sensitive);
}

TEST_CASE("sensitive patterns with a star flag every match")
{
  DiffOptions options;
  options.sensitive = {"/steps/*/config/apiKey"};
  const auto changes = diff_flow(
      json::parse(R"({"steps":[{"order":1,"config":{"apiKey":"n","a":1}}]})"),
      json::parse(R"({"steps":[{"order":1,"config":{"apiKey":"o","a":2}}]})"),
      options);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].path == "steps[order=1].config.a");
  CHECK_FALSE(changes[0].sensitive);
  CHECK(changes[1].path == "steps[order=1].config.apiKey");
  CHECK(changes[1].sensitive);
}

TEST_CASE("a sensitive removal is found by its live pointer")
{
  DiffOptions options;
  options.sensitive = {"/steps/1/config/apiKey"};
  const auto changes =
      diff_flow(json::parse(R"({"steps":[]})"),
                json::parse(R"({"steps":[{"order":1},{"order":2,
                                         "config":{"apiKey":"k"}}]})"),
                options);
  REQUIRE(changes.size() == 2);
  CHECK_FALSE(changes[0].sensitive);
  CHECK(changes[1].pointer == "/steps/1");
  CHECK(changes[1].sensitive);
}

TEST_CASE("changes come in document order with keys sorted")
{
  const auto desired = R"({"status":"a","configuration":{"z":1,"b":2},
                           "name":"n","steps":[{"order":2},{"order":9}]})";
  const auto live = R"({"status":"b","configuration":{"a":0,"b":3},
                        "name":"m","steps":[{"order":5},{"order":2}]})";
  CHECK(diff_lines(desired, live) ==
        Lines{"remove configuration.a /configuration/a 0 -> null",
              "replace configuration.b /configuration/b 3 -> 2",
              "add configuration.z /configuration/z null -> 1",
              R"(replace name /name "m" -> "n")",
              R"(replace status /status "b" -> "a")",
              R"(add steps[order=9] /steps/1 null -> {"order":9})",
              R"(remove steps[order=5] /steps/0 {"order":5} -> null)"});
}

TEST_CASE("the same inputs always give the same changes")
{
  const auto first = diff_lines(k_vendor_desired, k_vendor_live);
  CHECK(diff_lines(k_vendor_desired, k_vendor_live) == first);
}

TEST_CASE("a desired value that is not an object has no changes")
{
  CHECK(diff_lines("[]", k_vendor_live).empty());
  CHECK(diff_lines("null", k_vendor_live).empty());
}

TEST_CASE("a live value that is not an object makes every field an addition")
{
  CHECK(diff_lines(R"({"status":"active"})", "[]") ==
        Lines{R"(add status /status null -> "active")"});
}

TEST_CASE("operations have stable names")
{
  CHECK(to_string(Op::add) == "add");
  CHECK(to_string(Op::remove) == "remove");
  CHECK(to_string(Op::replace) == "replace");
  CHECK(op_from_string("add") == Op::add);
  CHECK(op_from_string("remove") == Op::remove);
  CHECK(op_from_string("replace") == Op::replace);
  CHECK_FALSE(op_from_string("move"));
}

TEST_CASE("a replacement is sensitive when either side's pointer is")
{
  DiffOptions options;
  options.sensitive = {"/steps/0/config/key"};
  const auto changes = diff_flow(
      json::parse(R"({"steps":[{"order":1},{"order":2,"config":{"key":2}}]})"),
      json::parse(R"({"steps":[{"order":2,"config":{"key":1}},{"order":1}]})"),
      options);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].pointer == "/steps/1/config/key");
  CHECK(changes[0].sensitive);
}
