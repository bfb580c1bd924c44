#pragma once

#include <string>
#include <vector>

namespace flowctl::desired {

// A place in a source file; line and column are 1-based, 0 when unknown.
struct SourceMark {
  std::string file;
  int line = 0;
  int column = 0;
};

// One problem with the user's input, printed as `file:line:col: message`.
struct Diagnostic {
  SourceMark mark;
  std::string message;

  std::string to_string() const;
};

// Orders diagnostics by file, then line, then column; ties keep their order.
void sort_by_position(std::vector<Diagnostic>& diagnostics);

} // namespace flowctl::desired
