#include "sandbox/flow_patch.hpp"

#include "diff/json_depth.hpp"

#include <set>
#include <string>

namespace flowctl::sandbox {

namespace {

using nlohmann::json;

bool is_known_status(const json& value)
{
  return value == "draft" || value == "active" || value == "paused";
}

std::string check_step(const json& step, std::set<std::int64_t>& orders)
{
  if (!step.is_object()) {
    return "a step is not an object";
  }
  const auto type = step.find("stepType");
  if (type == step.end() || !type->is_string()) {
    return "a step lacks a string stepType";
  }
  // An order written as 2.0 is a float in JSON terms and is refused, as a
  // strict server would.
  const auto order = step.find("order");
  if (order == step.end() || !order->is_number_integer()) {
    return "a step lacks an integer order";
  }
  if (!orders.insert(order->get<std::int64_t>()).second) {
    return "two steps share order " + order->dump();
  }
  return {};
}

std::string check_steps(const json& steps)
{
  if (!steps.is_array()) {
    return "steps is not an array";
  }
  std::set<std::int64_t> orders;
  for (const auto& step : steps) {
    if (auto problem = check_step(step, orders); !problem.empty()) {
      return problem;
    }
  }
  return {};
}

std::string check_field(const std::string& key, const json& value)
{
  if (key == "name" || key == "description") {
    return value.is_string() ? "" : key + " is not a string";
  }
  if (key == "status") {
    return is_known_status(value) ? "" : "status is not draft|active|paused";
  }
  if (key == "configuration") {
    return value.is_object() ? "" : "configuration is not an object";
  }
  if (key == "steps") {
    return check_steps(value);
  }
  return "field " + key + " cannot be updated";
}

} // namespace

PatchResult parse_flow_patch(std::string_view body)
{
  PatchResult result;
  if (diff::nested_deeper_than(body, diff::k_max_json_depth)) {
    result.problem = "body nests deeper than " +
                     std::to_string(diff::k_max_json_depth) + " levels";
    return result;
  }
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    result.problem = "body is not valid JSON";
    return result;
  }
  if (!parsed.is_object()) {
    result.problem = "body is not a JSON object";
    return result;
  }
  for (const auto& [key, value] : parsed.items()) {
    result.problem = check_field(key, value);
    if (!result.problem.empty()) {
      return result;
    }
  }
  result.patch.fields = std::move(parsed);
  return result;
}

} // namespace flowctl::sandbox
