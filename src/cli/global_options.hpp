#pragma once

#include <optional>
#include <string>
#include <vector>

namespace flowctl::cli {

// Options every command accepts, before or after the command name.
struct GlobalOptions {
  std::string config;
  std::string environment;
  std::string api_url;
  std::string token_env;
  std::optional<int> parallelism;
  std::vector<std::string> targets;
  std::string shard;
  std::string log_level = "info";
  std::string log_format = "text";
  bool no_color = false;
};

} // namespace flowctl::cli
