#include "desired/diagnostic.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using flowctl::desired::Diagnostic;

TEST_CASE("a diagnostic with a position reads file:line:col: message")
{
  const Diagnostic diagnostic{{"flows/a.yaml", 3, 7}, "unknown field 'x'"};
  CHECK(diagnostic.to_string() == "flows/a.yaml:3:7: unknown field 'x'");
}

TEST_CASE("a diagnostic without a line names only the file")
{
  const Diagnostic diagnostic{{"flows", 0, 0}, "no such file or directory"};
  CHECK(diagnostic.to_string() == "flows: no such file or directory");
}

TEST_CASE("a diagnostic with a line but no column leaves the column out")
{
  const Diagnostic diagnostic{{"a.yaml", 4, 0}, "bad"};
  CHECK(diagnostic.to_string() == "a.yaml:4: bad");
}

TEST_CASE("a diagnostic without a file is the message alone")
{
  const Diagnostic diagnostic{{}, "unknown environment 'x'"};
  CHECK(diagnostic.to_string() == "unknown environment 'x'");
}

TEST_CASE("diagnostics sort by file, line and column, keeping ties in order")
{
  std::vector<Diagnostic> list{{{"b.yaml", 1, 1}, "b"},
                               {{"a.yaml", 3, 2}, "a3"},
                               {{"a.yaml", 3, 1}, "first"},
                               {{"a.yaml", 3, 1}, "second"},
                               {{"a.yaml", 0, 0}, "file"}};
  flowctl::desired::sort_by_position(list);
  std::vector<std::string> order;
  for (const auto& diagnostic : list) {
    order.push_back(diagnostic.message);
  }
  CHECK(order ==
        std::vector<std::string>{"file", "first", "second", "a3", "b"});
}
