#pragma once

#include "desired/flow_loader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace flowctl::plan {

// One shard of n: flows are split by a hash of their id, so the split is the
// same on every machine and every run, and shards 1..n cover each flow once.
struct Shard {
  int index = 1;
  int count = 1;
};

// Parses "i/n" with 1 <= i <= n; returns nullopt on anything else.
std::optional<Shard> parse_shard(const std::string& text);

bool in_shard(const std::string& id, const Shard& shard);

// Keeps the flows named in targets (all when empty) that fall in the shard.
// Returns the target ids that matched no flow in `unknown`.
std::vector<desired::DesiredFlow>
select_flows(std::vector<desired::DesiredFlow> flows,
             const std::vector<std::string>& targets, const Shard& shard,
             std::vector<std::string>& unknown);

} // namespace flowctl::plan
