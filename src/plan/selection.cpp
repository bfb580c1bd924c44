#include "plan/selection.hpp"

#include "diff/canonical.hpp"

#include <charconv>
#include <set>

namespace flowctl::plan {

namespace {

std::optional<int> parse_positive(std::string_view text)
{
  int value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 1) {
    return std::nullopt;
  }
  return value;
}

} // namespace

std::optional<Shard> parse_shard(const std::string& text)
{
  auto slash = text.find('/');
  if (slash == std::string::npos) {
    return std::nullopt;
  }
  auto index = parse_positive(std::string_view(text).substr(0, slash));
  auto count = parse_positive(std::string_view(text).substr(slash + 1));
  if (!index || !count || *index > *count) {
    return std::nullopt;
  }
  return Shard{*index, *count};
}

bool in_shard(const std::string& id, const Shard& shard)
{
  if (shard.count <= 1) {
    return true;
  }
  // The first 60 bits of the id's SHA-256 spread ids evenly.
  auto hex = diff::sha256_hex(id).substr(0, 15);
  auto bucket = std::stoull(hex, nullptr, 16) %
                static_cast<unsigned long long>(shard.count);
  return static_cast<int>(bucket) == shard.index - 1;
}

std::vector<desired::DesiredFlow>
select_flows(std::vector<desired::DesiredFlow> flows,
             const std::vector<std::string>& targets, const Shard& shard,
             std::vector<std::string>& unknown)
{
  std::set<std::string> wanted(targets.begin(), targets.end());
  std::set<std::string> seen;
  std::vector<desired::DesiredFlow> selected;
  for (auto& flow : flows) {
    if (!wanted.empty() && wanted.count(flow.id) == 0) {
      continue;
    }
    seen.insert(flow.id);
    if (in_shard(flow.id, shard)) {
      selected.push_back(std::move(flow));
    }
  }
  for (const auto& id : wanted) {
    if (seen.count(id) == 0) {
      unknown.push_back(id);
    }
  }
  return selected;
}

} // namespace flowctl::plan
