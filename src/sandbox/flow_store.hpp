#pragma once

#include "sandbox/flow_patch.hpp"
#include "sandbox/timestamps.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace flowctl::sandbox {

// What the list endpoint was asked for; page is 1-based.
struct ListQuery {
  std::size_t page = 1;
  std::size_t limit = 20;
  std::string project;
  std::string type;
  std::string status;
};

// One page of flows, each without configuration and steps.
struct ListPage {
  std::vector<nlohmann::json> items;
  std::size_t total = 0;
};

enum class UpdateStatus { updated, not_found };

struct UpdateResult {
  UpdateStatus status = UpdateStatus::not_found;
  // The updated flow as compact JSON.
  std::string flow;
  // Increases with every change; the state file records which one it holds.
  std::uint64_t generation = 0;
};

// The whole store as text, and the generation it reflects.
struct Snapshot {
  std::uint64_t generation = 0;
  std::string text;
};

// Every flow by _id, kept in _id order so listing is stable. Safe to use
// from many threads: reads share a lock, updates take it alone.
class FlowStore {
public:
  // flows: an array of objects with unique string "_id"s, as checked by
  // the loader.
  explicit FlowStore(const nlohmann::json& flows);

  // The flow as compact JSON, or nullopt for an unknown id.
  std::optional<std::string> find(const std::string& id) const;
  ListPage list(const ListQuery& query) const;

  // Replaces each field of the patch whole. version moves only when a
  // value really changed; updatedAt moves on every update.
  UpdateResult update(const std::string& id, const FlowPatch& patch);

  // A JSON array with one flow per line, readable as a seed again.
  Snapshot snapshot() const;

private:
  // Each flow is kept with its serialised form, so reads and snapshots
  // copy text instead of serialising again.
  struct StoredFlow {
    nlohmann::json value;
    std::string text;
  };

  mutable std::shared_mutex m_mutex;
  std::map<std::string, StoredFlow> m_flows;
  UpdateClock m_clock;
  std::uint64_t m_generation = 0;
};

} // namespace flowctl::sandbox
