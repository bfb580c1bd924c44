#pragma once

#include <stdexcept>
#include <string>

namespace flowctl::cli {

// Thrown by the command layer only, and caught once in main, which prints
// `flowctl: error: <what>` and exits 1.
class CommandError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace flowctl::cli
