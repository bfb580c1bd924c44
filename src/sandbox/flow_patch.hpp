#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace flowctl::sandbox {

// A PUT body that passed validation: an object holding only updatable
// fields, each of the right shape.
struct FlowPatch {
  nlohmann::json fields = nlohmann::json::object();
};

struct PatchResult {
  FlowPatch patch;
  // Empty when the body is valid; otherwise why it was refused. The API
  // answers every refusal with the same 400 body, so this is for logs.
  std::string problem;
};

// Checks a PUT body against the rules of the update endpoint: a JSON
// object with any subset of name, description, status, configuration and
// steps; nothing else, not even server-managed fields.
PatchResult parse_flow_patch(std::string_view body);

} // namespace flowctl::sandbox
