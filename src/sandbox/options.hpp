#pragma once

#include "sandbox/faults.hpp"

#include <optional>
#include <string>

namespace flowctl::sandbox {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string token = "dev-token";
  std::string seed_path;
  std::string state_path;
  FaultSettings faults;
  bool ignore_puts = false;
  bool log_requests = false;
};

// Reads the command line into options. Returns an exit code when the
// program should stop here: 0 after --help, 1 after a one-line error on
// stderr.
std::optional<int> parse_options(int argc, char** argv, Options& options);

} // namespace flowctl::sandbox
