#pragma once

#include "desired/diagnostic.hpp"
#include "diff/diff.hpp"
#include "plan/digest_key.hpp"
#include "plan/packed_json.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowctl::plan {

inline constexpr int k_format_version = 1;

// What a plan intends for one flow.
enum class Action { update, unchanged, failed };

std::string_view to_string(Action action);

// The server's answer when a flow could not be planned or applied.
struct FlowError {
  long status = 0;
  std::string code;
  std::string message;

  std::string describe() const;
};

struct FlowPlan {
  std::string id;
  std::string file;
  int line = 0;
  Action action = Action::unchanged;
  std::vector<diff::Change> changes;
  // The exact PUT body. Sensitive values inside it are held in memory as they
  // are and written to plan files only as digests.
  nlohmann::json body = nlohmann::json::object();
  // The managed fields as the file declares them, for the check after apply.
  PackedJson desired;
  // The live values of the updatable fields when the plan was made.
  PackedJson live;
  std::string file_digest;
  std::string live_digest;
  // Patterns of values that must never be shown: the configured sensitive
  // paths and every value that came from the environment.
  std::vector<std::string> sensitive;
  std::optional<FlowError> error;
};

struct Plan {
  int format_version = k_format_version;
  std::string flowctl_version;
  std::string created_at;
  std::string api_url;
  std::string environment;
  // digest_key_id() when the plan was made: its digests are keyed so.
  std::string digest_key = digest_key_id();
  diff::DiffOptions options;
  std::vector<FlowPlan> flows;
};

struct Summary {
  std::size_t update = 0;
  std::size_t unchanged = 0;
  std::size_t failed = 0;
};

Summary summarize(const Plan& plan);

// The updatable fields of a flow, the only ones flowctl ever compares.
nlohmann::json updatable_fields(const nlohmann::json& flow);

// Keyed digest of a live flow's updatable fields; server-managed fields
// such as updatedAt are left out so an unrelated touch does not make a plan
// stale.
std::string live_digest(const nlohmann::json& flow);

} // namespace flowctl::plan
