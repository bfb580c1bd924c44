#pragma once

#include <string>

namespace flowctl::desired {

// A problem with one value of a document, before it is given a source mark.
struct ValueError {
  // JSON pointer to the offending value, or to the member named by it.
  std::string pointer;
  std::string message;
  // The member's key, not its value, is the place to point at.
  bool at_key = false;
};

} // namespace flowctl::desired
