#include "desired/yaml_loader.hpp"
#include "test_desired_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using flowctl::desired::load_yaml_file;
using flowctl::desired::parse_yaml;
using flowctl::desired::SourceMark;
using flowctl::desired::YamlFile;
using nlohmann::json;

namespace {

std::vector<std::string> messages(const YamlFile& file)
{
  std::vector<std::string> texts;
  for (const auto& error : file.errors) {
    texts.push_back(error.to_string());
  }
  return texts;
}

// The value of `v` in the one-line document "v: <scalar>".
json scalar(const std::string& text)
{
  const auto file = parse_yaml("v: " + text + "\n", "t.yaml");
  CAPTURE(text);
  REQUIRE(messages(file).empty());
  REQUIRE(file.documents.size() == 1);
  return file.documents[0].value.at("v");
}

bool same_mark(const SourceMark& mark, int line, int column)
{
  return mark.file == "t.yaml" && mark.line == line && mark.column == column;
}

} // namespace

TEST_CASE("plain scalars resolve under the YAML 1.2 core schema")
{
  struct Row {
    const char* text;
    json expected;
  };
  const std::vector<Row> table{
      {"~", nullptr},
      {"null", nullptr},
      {"Null", nullptr},
      {"NULL", nullptr},
      {"", nullptr},
      {"true", true},
      {"True", true},
      {"TRUE", true},
      {"false", false},
      {"False", false},
      {"FALSE", false},
      {"0", 0},
      {"-12", -12},
      {"+12", 12},
      {"007", 7},
      {"0o17", 15},
      {"0x1F", 31},
      {"0xff", 255},
      {"1.5", 1.5},
      {".5", 0.5},
      {"-1e3", -1000.0},
      {"1E-2", 0.01},
      {"2.", 2.0},
      {"yes", "yes"},
      {"no", "no"},
      {"on", "on"},
      {"off", "off"},
      {"y", "y"},
      {"tRue", "tRue"},
      {"nULL", "nULL"},
      {"1_000", "1_000"},
      {"0b101", "0b101"},
      {"0o8", "0o8"},
      {"0x", "0x"},
      {"1e", "1e"},
      {".", "."},
      {"-a", "-a"},
      {"+0o7", "+0o7"},
      {"2024-01-15", "2024-01-15"},
      {"1:30", "1:30"},
      {"inf", "inf"},
      {"nan", "nan"},
      {"hello world", "hello world"},
      {"+.5", 0.5},
      {"-.5e-3", -0.0005},
      {"1.e5", 100000.0},
      {"1e+5", 100000.0},
      {".e5", ".e5"},
      {"0x1g", "0x1g"},
      {"0o", "0o"},
      {"++1", "++1"},
      {"1.2.3", "1.2.3"},
      {"+-1", "+-1"},
      {"1e5.0", "1e5.0"},
      {"-0x1", "-0x1"},
      {"+.inf.", "+.inf."},
  };
  for (const auto& row : table) {
    const json value = scalar(row.text);
    CAPTURE(row.text);
    CHECK(value == row.expected);
    CHECK(value.type() == row.expected.type());
  }
}

TEST_CASE("integers and floats keep their kind")
{
  CHECK(scalar("2").is_number_integer());
  CHECK(scalar("2.").is_number_float());
  CHECK(scalar("2e0").is_number_float());
  CHECK(scalar("9223372036854775807") == INT64_MAX);
  CHECK(scalar("-9223372036854775808") == INT64_MIN);
}

TEST_CASE("infinities and not-a-number are floats")
{
  CHECK(scalar(".inf").get<double>() == INFINITY);
  CHECK(scalar("+.Inf").get<double>() == INFINITY);
  CHECK(scalar("-.INF").get<double>() == -INFINITY);
  CHECK(std::isnan(scalar(".nan").get<double>()));
  CHECK(std::isnan(scalar(".NaN").get<double>()));
  CHECK(scalar(".NAN").is_number_float());
}

TEST_CASE("a quoted true is a string and a plain true a boolean")
{
  CHECK(scalar("\"true\"") == "true");
  CHECK(scalar("'true'") == "true");
  CHECK(scalar("true") == true);
  CHECK(scalar("\"123\"") == "123");
  CHECK(scalar("'null'") == "null");
  CHECK(scalar("\"\"") == "");
}

TEST_CASE("block scalars are strings")
{
  const auto file = parse_yaml("a: |\n  123\nb: >\n  true\n", "t.yaml");
  REQUIRE(file.errors.empty());
  CHECK(file.documents[0].value == json{{"a", "123\n"}, {"b", "true\n"}});
}

TEST_CASE("explicit core tags are honoured")
{
  CHECK(scalar("!!str 123") == "123");
  CHECK(scalar("!!str true") == "true");
  CHECK(scalar("!!str") == "");
  CHECK(scalar("!!int \"12\"") == 12);
  CHECK(scalar("!!float 1").is_number_float());
  CHECK(scalar("!!bool \"true\"") == true);
  CHECK(scalar("!!null ''") == nullptr);
}

TEST_CASE("a value that does not fit its tag is an error")
{
  const auto file = parse_yaml("a: !!int abc\nb: !!bool yes\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{"t.yaml:1:4: 'abc' is not a valid !!int",
                                 "t.yaml:2:4: 'yes' is not a valid !!bool"});
}

TEST_CASE("unknown tags are errors")
{
  const auto file =
      parse_yaml("a: !foo bar\nb: !!binary aGk=\nc: !!set {}\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{"t.yaml:1:4: unsupported tag '!foo'",
                                 "t.yaml:2:4: unsupported tag '!!binary'",
                                 "t.yaml:3:4: unsupported tag '!!set'"});
}

TEST_CASE("an integer beyond 64 bits is an error")
{
  const auto file =
      parse_yaml("n: 9223372036854775808\nm: 0x1FFFFFFFFFFFFFFFF\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{
            "t.yaml:1:4: integer 9223372036854775808 does not fit in 64 bits",
            "t.yaml:2:4: integer 0x1FFFFFFFFFFFFFFFF does not fit in 64 bits"});
}

TEST_CASE("a float beyond the double range is an error")
{
  const auto file = parse_yaml("n: 1e999\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{"t.yaml:1:4: number 1e999 is out of range"});
}

TEST_CASE("a duplicate key names the key and both lines")
{
  const auto file = parse_yaml("a: 1\nb: 2\na: 3\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{
            "t.yaml:3:1: duplicate key 'a' (first at line 1)"});
  CHECK(file.documents[0].value == json{{"a", 1}, {"b", 2}});
}

TEST_CASE("duplicate keys are found in nested and flow mappings")
{
  const auto file = parse_yaml(
      "c:\n  x: 1\n  y: {k: 1, k: 2}\n  x:\n    deep: 1\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{
            "t.yaml:3:13: duplicate key 'k' (first at line 3)",
            "t.yaml:4:3: duplicate key 'x' (first at line 2)"});
  CHECK(file.documents[0].value == json{{"c", {{"x", 1}, {"y", {{"k", 1}}}}}});
}

TEST_CASE("a syntax error names the parser's position, 1-based")
{
  const auto file = parse_yaml("a: 1\n b: 2\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{"t.yaml:2:3: invalid YAML: mapping values "
                                 "are not allowed in this context"});
  CHECK(file.documents.empty());
}

TEST_CASE("documents before a syntax error are kept")
{
  const auto file = parse_yaml("a: 1\n---\nb: [1, 2\n", "t.yaml");
  REQUIRE(file.documents.size() == 1);
  CHECK(file.documents[0].value == json{{"a", 1}});
  CHECK(messages(file) ==
        std::vector<std::string>{
            "t.yaml:4:1: invalid YAML: did not find expected ',' or ']' "
            "while parsing a flow sequence at line 3"});
}

TEST_CASE("an undefined alias is an error")
{
  const auto file = parse_yaml("a: *nope\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{
            "t.yaml:1:4: invalid YAML: alias '*nope' names no anchor"});
}

TEST_CASE("a quoted scalar without its closing quote is an error")
{
  CHECK(messages(parse_yaml("a: \"x\nb: 1\n", "t.yaml")) ==
        std::vector<std::string>{
            "t.yaml:1:4: invalid YAML: found unexpected end of stream while "
            "scanning a quoted scalar"});
  CHECK(messages(parse_yaml("a: &x !!str 'it''s\n", "t.yaml")) ==
        std::vector<std::string>{
            "t.yaml:1:13: invalid YAML: found unexpected end of stream while "
            "scanning a quoted scalar"});
  CHECK(messages(parse_yaml("a: \"say \\\"hi\\\"\"\nb: 'it''s'\n", "t.yaml"))
            .empty());
}

TEST_CASE("bytes that are not UTF-8 are an error at their place")
{
  CHECK(messages(parse_yaml("id: a\nname: \xc3\xa9\xff\xfe\n", "t.yaml")) ==
        std::vector<std::string>{
            "t.yaml:2:8: invalid YAML: invalid leading UTF-8 octet"});
}

TEST_CASE("nesting deeper than any flow is an error, not a crash")
{
  const auto file = parse_yaml("a: " + std::string(100000, '['), "t.yaml");
  CHECK(messages(file) == std::vector<std::string>{
                              "t.yaml:1:131: nesting deeper than 128 levels"});
  CHECK(file.documents.empty());
}

TEST_CASE("a collection used as a key is an error and is left out")
{
  const auto file =
      parse_yaml("? [a, b]\n: 1\nc: 2\n? {k: v}\n: [3]\n", "t.yaml");
  CHECK(messages(file) ==
        std::vector<std::string>{"t.yaml:1:3: a mapping key must be a scalar",
                                 "t.yaml:4:3: a mapping key must be a scalar"});
  CHECK(file.documents[0].value == json{{"c", 2}});
}

TEST_CASE("scalar keys keep the text they were written with")
{
  const auto file = parse_yaml("1: a\n0x1F: b\ntrue: c\n\"q\": d\n", "t.yaml");
  REQUIRE(file.errors.empty());
  CHECK(file.documents[0].value ==
        json{{"1", "a"}, {"0x1F", "b"}, {"true", "c"}, {"q", "d"}});
}

TEST_CASE("anchors and aliases copy values and their marks")
{
  const auto file = parse_yaml(
      "base: &b\n  x: 1\n  list: [&n 2]\ncopy: *b\nnum: *n\n", "t.yaml");
  REQUIRE(file.errors.empty());
  const auto& document = file.documents[0];
  const json base{{"x", 1}, {"list", {2}}};
  CHECK(document.value == json{{"base", base}, {"copy", base}, {"num", 2}});
  CHECK(same_mark(document.marks.at("/copy"), 4, 7));
  CHECK(same_mark(document.marks.at("/copy/x"), 2, 6));
  CHECK(same_mark(document.key_marks.at("/copy/x"), 2, 3));
  CHECK(same_mark(document.marks.at("/num"), 5, 6));
}

TEST_CASE("an alias may name a key")
{
  const auto file = parse_yaml("&k name: a\nother:\n  *k : b\n", "t.yaml");
  REQUIRE(file.errors.empty());
  CHECK(file.documents[0].value ==
        json{{"name", "a"}, {"other", {{"name", "b"}}}});
}

TEST_CASE("every document of a multi-document file is read")
{
  const auto file = parse_yaml("id: a\n---\nid: b\n...\n---\n- 1\n", "t.yaml");
  REQUIRE(file.errors.empty());
  REQUIRE(file.documents.size() == 3);
  CHECK(file.documents[0].value == json{{"id", "a"}});
  CHECK(file.documents[1].value == json{{"id", "b"}});
  CHECK(file.documents[2].value == json{1});
  CHECK(file.documents[1].start.line == 2);
}

TEST_CASE("marks are 1-based and point at values and keys")
{
  const auto file = parse_yaml(
      "# comment\nid: x\nsteps:\n  - order: 1\n    stepType: email\n",
      "t.yaml");
  REQUIRE(file.errors.empty());
  const auto& document = file.documents[0];
  CHECK(same_mark(document.marks.at("/id"), 2, 5));
  CHECK(same_mark(document.key_marks.at("/id"), 2, 1));
  CHECK(same_mark(document.marks.at("/steps"), 4, 3));
  CHECK(same_mark(document.marks.at("/steps/0"), 4, 5));
  CHECK(same_mark(document.marks.at("/steps/0/order"), 4, 12));
  CHECK(same_mark(document.key_marks.at("/steps/0/stepType"), 5, 5));
}

TEST_CASE("a shallow read marks the top-level fields only, with the same "
          "values")
{
  const std::string text =
      "id: x\nsteps:\n  - order: 1\n    config: {a: [1, 2]}\n";
  const auto full = parse_yaml(text, "t.yaml");
  const auto shallow = parse_yaml(text, "t.yaml", 1);
  REQUIRE(shallow.errors.empty());
  const auto& document = shallow.documents[0];
  CHECK(document.value == full.documents[0].value);
  CHECK(same_mark(document.marks.at(""), 1, 1));
  CHECK(same_mark(document.marks.at("/id"), 1, 5));
  CHECK(same_mark(document.key_marks.at("/id"), 1, 1));
  CHECK(same_mark(document.marks.at("/steps"), 3, 3));
  CHECK(document.marks.size() == 3);
  CHECK(document.key_marks.size() == 2);
}

TEST_CASE("a shallow read still finds every error")
{
  const auto file =
      parse_yaml("a:\n  b: 1\n  b: 2\n  c: !!int x\n", "t.yaml", 1);
  CHECK(file.errors.size() == 2);
}

TEST_CASE("an empty value is marked at its key")
{
  const auto file = parse_yaml("a:\nb: 1\n", "t.yaml");
  REQUIRE(file.errors.empty());
  CHECK(file.documents[0].value == json{{"a", nullptr}, {"b", 1}});
  CHECK(same_mark(file.documents[0].marks.at("/a"), 1, 1));
}

TEST_CASE("keys with '/' and '~' are escaped in pointers")
{
  const auto file = parse_yaml("a/b:\n  c~d: 1\n", "t.yaml");
  REQUIRE(file.errors.empty());
  CHECK(same_mark(file.documents[0].marks.at("/a~1b/c~0d"), 2, 8));
}

TEST_CASE("columns count characters, not bytes")
{
  const auto file = parse_yaml("a: [\xC3\xA9t\xC3\xA9, b]\n", "t.yaml");
  REQUIRE(file.errors.empty());
  CHECK(same_mark(file.documents[0].marks.at("/a/1"), 1, 10));
}

TEST_CASE("a byte order mark and CRLF line ends are accepted")
{
  const auto file = parse_yaml("\xEF\xBB\xBF"
                               "a: 1\r\nb: x\r\n",
                               "t.yaml");
  REQUIRE(file.errors.empty());
  CHECK(file.documents[0].value == json{{"a", 1}, {"b", "x"}});
  CHECK(same_mark(file.documents[0].marks.at("/a"), 1, 4));
  CHECK(same_mark(file.documents[0].marks.at("/b"), 2, 4));
}

TEST_CASE("an empty input holds no document")
{
  CHECK(parse_yaml("", "t.yaml").documents.empty());
  CHECK(parse_yaml("# only a comment\n", "t.yaml").documents.empty());
}

TEST_CASE("the file's bytes are kept as read")
{
  const std::string text = "a: 1\n";
  CHECK(parse_yaml(text, "t.yaml").bytes == text);
}

TEST_CASE("an unreadable file is one error naming it")
{
  flowctl::desired::testing::TempTree tree;
  const auto missing = tree.path("missing.yaml");
  CHECK(messages(load_yaml_file(missing)) ==
        std::vector<std::string>{missing +
                                 ": cannot read: No such file or directory"});
  tree.write("a.yaml", "a: 1\n");
  const auto file = load_yaml_file(tree.path("a.yaml"));
  REQUIRE(file.errors.empty());
  CHECK(file.documents[0].marks.at("/a").file == tree.path("a.yaml"));
}
