#pragma once

#include "desired/diagnostic.hpp"

#include <map>
#include <string>
#include <vector>

namespace flowctl::desired {

// The settings of flowctl.yaml, with their defaults.
struct Settings {
  std::string api_url = "https://api.verifik.co";
  std::string token_env = "VERIFIK_TOKEN";
  // Files, directories or globs, relative to Config::base_dir.
  std::vector<std::string> flows{"flows"};
  int parallelism = 8;
  int requests_per_minute = 100;
  std::map<std::string, std::string> list_keys{{"steps", "order"}};
  std::vector<std::string> ignore, sensitive;
  std::string project;
  std::map<std::string, std::string> vars;
};

struct Config {
  std::string path;     // the file read; empty when there was none
  std::string base_dir; // its directory: relative paths start there
  Settings settings;
  std::string environment;                    // the one applied, if any
  std::vector<std::string> environment_names; // all defined, sorted
};

struct ConfigResult {
  Config config;
  std::vector<Diagnostic> errors;
};

// Reads flowctl.yaml, checked against schemas/flowctl-config.schema.json
// (an unknown key is an error). An empty `path` means ./flowctl.yaml, and
// built-in defaults when that file does not exist (base_dir "."). A
// non-empty `environment` applies environments.<name> over the top-level
// settings: each setting it names replaces the top-level one, except vars,
// which merge key by key. An environment that is not defined is an error
// listing the defined ones.
ConfigResult load_config(const std::string& path,
                         const std::string& environment);

} // namespace flowctl::desired
