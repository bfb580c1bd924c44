#include "desired/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace flowctl::desired {

std::string Diagnostic::to_string() const
{
  std::string text = mark.file;
  if (mark.line > 0) {
    text += ':' + std::to_string(mark.line);
    if (mark.column > 0) {
      text += ':' + std::to_string(mark.column);
    }
  }
  if (text.empty()) {
    return message;
  }
  return text + ": " + message;
}

void sort_by_position(std::vector<Diagnostic>& diagnostics)
{
  const auto position = [](const Diagnostic& diagnostic) {
    const auto& mark = diagnostic.mark;
    return std::tie(mark.file, mark.line, mark.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     return position(a) < position(b);
                   });
}

} // namespace flowctl::desired
