#include "sandbox/flow_store.hpp"

#include <algorithm>
#include <limits>
#include <mutex>

namespace flowctl::sandbox {

namespace {

using nlohmann::json;

// An empty filter matches everything.
bool field_matches(const json& flow, const char* key, const std::string& wanted)
{
  if (wanted.empty()) {
    return true;
  }
  const auto value = flow.find(key);
  return value != flow.end() && value->is_string() &&
         value->get_ref<const std::string&>() == wanted;
}

bool matches(const json& flow, const ListQuery& query)
{
  return field_matches(flow, "project", query.project) &&
         field_matches(flow, "type", query.type) &&
         field_matches(flow, "status", query.status);
}

json list_item(const json& flow)
{
  json item = flow;
  item.erase("configuration");
  item.erase("steps");
  return item;
}

// Copies the patch's fields into the flow; true when any value differed.
bool apply_fields(json& flow, const json& fields)
{
  bool changed = false;
  for (const auto& [key, value] : fields.items()) {
    const auto current = flow.find(key);
    if (current == flow.end() || *current != value) {
      flow[key] = value;
      changed = true;
    }
  }
  return changed;
}

void bump_version(json& flow)
{
  const auto version = flow.find("version");
  if (version != flow.end() && version->is_number_integer()) {
    *version = version->get<std::int64_t>() + 1;
  } else {
    flow["version"] = 1;
  }
}

std::string dump(const json& value)
{
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace

FlowStore::FlowStore(const json& flows)
{
  for (const auto& flow : flows) {
    const auto& id = flow.at("_id").get_ref<const std::string&>();
    if (const auto stamp = flow.find("updatedAt");
        stamp != flow.end() && stamp->is_string()) {
      m_clock.observe(stamp->get_ref<const std::string&>());
    }
    m_flows.emplace(id, StoredFlow{flow, dump(flow)});
  }
}

std::optional<std::string> FlowStore::find(const std::string& id) const
{
  std::shared_lock lock(m_mutex);
  const auto found = m_flows.find(id);
  if (found == m_flows.end()) {
    return std::nullopt;
  }
  return found->second.text;
}

ListPage FlowStore::list(const ListQuery& query) const
{
  ListPage page;
  // A page far past the end must not wrap around to an early one.
  const std::size_t last_page = std::numeric_limits<std::size_t>::max() /
                                std::max<std::size_t>(query.limit, 1);
  const std::size_t first = query.page - 1 < last_page
                                ? (query.page - 1) * query.limit
                                : std::numeric_limits<std::size_t>::max();
  std::shared_lock lock(m_mutex);
  for (const auto& [id, flow] : m_flows) {
    if (!matches(flow.value, query)) {
      continue;
    }
    if (page.total >= first && page.items.size() < query.limit) {
      page.items.push_back(list_item(flow.value));
    }
    ++page.total;
  }
  return page;
}

UpdateResult FlowStore::update(const std::string& id, const FlowPatch& patch)
{
  std::unique_lock lock(m_mutex);
  const auto found = m_flows.find(id);
  if (found == m_flows.end()) {
    return {};
  }

  StoredFlow& flow = found->second;
  if (apply_fields(flow.value, patch.fields)) {
    bump_version(flow.value);
  }
  flow.value["updatedAt"] = m_clock.next();
  flow.text = dump(flow.value);
  ++m_generation;
  return {UpdateStatus::updated, flow.text, m_generation};
}

Snapshot FlowStore::snapshot() const
{
  std::string text(1, '[');
  std::shared_lock lock(m_mutex);
  for (const auto& [id, flow] : m_flows) {
    text.append(text.size() == 1 ? "\n" : ",\n");
    text.append(flow.text);
  }
  text.append("\n]\n");
  return {m_generation, std::move(text)};
}

} // namespace flowctl::sandbox
