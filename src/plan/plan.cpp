#include "plan/plan.hpp"

#include "plan/digest_key.hpp"

#include <array>

namespace flowctl::plan {

namespace {

constexpr std::array<std::string_view, 5> k_updatable_fields{
    "name", "description", "status", "configuration", "steps"};

} // namespace

std::string_view to_string(Action action)
{
  switch (action) {
  case Action::update:
    return "update";
  case Action::unchanged:
    return "unchanged";
  case Action::failed:
    return "failed";
  }
  return "unknown";
}

std::string FlowError::describe() const
{
  std::string text;
  if (status != 0) {
    text = "HTTP " + std::to_string(status);
  }
  if (!code.empty()) {
    text += text.empty() ? code : " " + code;
  }
  if (!message.empty()) {
    text += text.empty() ? message : ": " + message;
  }
  return text;
}

Summary summarize(const Plan& plan)
{
  Summary summary;
  for (const auto& flow : plan.flows) {
    switch (flow.action) {
    case Action::update:
      ++summary.update;
      break;
    case Action::unchanged:
      ++summary.unchanged;
      break;
    case Action::failed:
      ++summary.failed;
      break;
    }
  }
  return summary;
}

nlohmann::json updatable_fields(const nlohmann::json& flow)
{
  auto fields = nlohmann::json::object();
  if (!flow.is_object()) {
    return fields;
  }
  for (auto name : k_updatable_fields) {
    auto it = flow.find(std::string(name));
    if (it != flow.end()) {
      fields[std::string(name)] = *it;
    }
  }
  return fields;
}

std::string live_digest(const nlohmann::json& flow)
{
  return content_digest(updatable_fields(flow));
}

} // namespace flowctl::plan
