#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowctl::diff {

enum class Op { add, remove, replace };

std::string_view to_string(Op op);
std::optional<Op> op_from_string(std::string_view text);

struct Change {
  // For people: configuration.phoneVerification.method,
  // steps[order=3].config.livenessDetection, tags[2], configuration["a.b"].
  std::string path;
  // Into the desired value as it will be sent (add, replace) or into the
  // live flow (remove): /steps/2/config/livenessDetection.
  std::string pointer;
  Op op = Op::replace;
  nlohmann::json before; // null for add
  nlohmann::json after;  // null for remove
  bool sensitive = false;
};

struct DiffOptions {
  // Arrays whose elements pair by a key field rather than by position. A map
  // key is a top-level field name ("steps") or a pattern for the pointer of
  // an array ("/configuration/webhooks", "/steps/*/checks").
  std::map<std::string, std::string> list_keys{{"steps", "order"}};
  std::vector<std::string> ignore;    // patterns never diffed nor overwritten
  std::vector<std::string> sensitive; // patterns whose values are secret
};

// The fields the server owns: never compared, never sent.
bool is_server_managed(std::string_view field);

// `desired` holds only the managed top-level fields; `live` is the whole
// live flow. Only the fields present in `desired` are compared, and inside
// them `desired` is authoritative. Changes come in document order, object
// keys sorted.
std::vector<Change> diff_flow(const nlohmann::json& desired,
                              const nlohmann::json& live,
                              const DiffOptions& options);

// The PUT body: each top-level field that has a change, whole, from
// desired, with every ignored path inside it taken from live (left out
// where live lacks it).
nlohmann::json build_put_body(const nlohmann::json& desired,
                              const nlohmann::json& live,
                              const std::vector<Change>& changes,
                              const DiffOptions& options);

// `value` sits at `pointer`; every part of it at or under a sensitive
// pattern is replaced with replacement(original part).
nlohmann::json
redact(const nlohmann::json& value, const std::string& pointer,
       const std::vector<std::string>& sensitive,
       const std::function<nlohmann::json(const nlohmann::json&)>& replacement);

} // namespace flowctl::diff
