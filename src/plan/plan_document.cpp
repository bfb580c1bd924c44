#include "plan/plan_document.hpp"

#include "diff/canonical.hpp"
#include "diff/json_path.hpp"
#include "plan/digest_key.hpp"

namespace flowctl::plan {

namespace {

using nlohmann::json;

json hide(const json& value, const std::string& pointer,
          const std::vector<std::string>& sensitive)
{
  return diff::redact(value, pointer, sensitive, sensitive_marker);
}

json change_to_json(const diff::Change& change,
                    const std::vector<std::string>& sensitive)
{
  json out{{"path", change.path},
           {"pointer", change.pointer},
           {"op", std::string(diff::to_string(change.op))},
           {"sensitive", change.sensitive}};
  if (change.op != diff::Op::add) {
    out["before"] = hide(change.before, change.pointer, sensitive);
  }
  if (change.op != diff::Op::remove) {
    out["after"] = hide(change.after, change.pointer, sensitive);
  }
  return out;
}

json fields_to_json(const json& fields,
                    const std::vector<std::string>& sensitive)
{
  return hide(fields, "", sensitive);
}

json flow_to_json(const FlowPlan& flow)
{
  json out{{"id", flow.id},
           {"file", flow.file},
           {"line", flow.line},
           {"action", std::string(to_string(flow.action))},
           {"file_digest", flow.file_digest},
           {"sensitive", flow.sensitive}};
  if (flow.error) {
    out["error"] = {{"status", flow.error->status},
                    {"code", flow.error->code},
                    {"message", flow.error->message}};
    return out;
  }
  out["live_digest"] = flow.live_digest;
  auto changes = json::array();
  for (const auto& change : flow.changes) {
    changes.push_back(change_to_json(change, flow.sensitive));
  }
  out["changes"] = std::move(changes);
  out["body"] = fields_to_json(flow.body, flow.sensitive);
  out["desired"] = fields_to_json(flow.desired.value(), flow.sensitive);
  out["live"] = fields_to_json(flow.live.value(), flow.sensitive);
  return out;
}

json options_to_json(const diff::DiffOptions& options)
{
  return {{"list_keys", options.list_keys},
          {"ignore", options.ignore},
          {"sensitive", options.sensitive}};
}

std::optional<Action> action_from_string(const std::string& text)
{
  for (auto action : {Action::update, Action::unchanged, Action::failed}) {
    if (to_string(action) == text) {
      return action;
    }
  }
  return std::nullopt;
}

FlowPlan flow_from_json(const json& in)
{
  FlowPlan flow;
  flow.id = in.at("id").get<std::string>();
  flow.file = in.at("file").get<std::string>();
  flow.line = in.value("line", 0);
  auto action = action_from_string(in.at("action").get<std::string>());
  if (!action) {
    throw std::invalid_argument("unknown action for flow " + flow.id);
  }
  flow.action = *action;
  flow.file_digest = in.at("file_digest").get<std::string>();
  flow.sensitive = in.value("sensitive", std::vector<std::string>{});
  if (in.contains("error")) {
    const auto& error = in.at("error");
    flow.error =
        FlowError{error.value("status", 0L), error.value("code", std::string()),
                  error.value("message", std::string())};
    return flow;
  }
  flow.live_digest = in.at("live_digest").get<std::string>();
  flow.body = in.at("body");
  flow.desired.set(in.at("desired"));
  flow.live.set(in.at("live"));
  for (const auto& item : in.at("changes")) {
    diff::Change change;
    change.path = item.at("path").get<std::string>();
    change.pointer = item.at("pointer").get<std::string>();
    auto op = diff::op_from_string(item.at("op").get<std::string>());
    if (!op) {
      throw std::invalid_argument("unknown change op in flow " + flow.id);
    }
    change.op = *op;
    change.before = item.value("before", json());
    change.after = item.value("after", json());
    change.sensitive = item.value("sensitive", false);
    flow.changes.push_back(std::move(change));
  }
  return flow;
}

void restore_at(json& saved, const json& current, const std::string& pointer,
                std::vector<std::string>& mismatched)
{
  if (is_sensitive_marker(saved)) {
    if (current.is_null() ||
        content_digest(current) != saved.at(k_sensitive_key)) {
      mismatched.push_back(pointer);
      return;
    }
    saved = current;
    return;
  }
  if (saved.is_object()) {
    for (auto& [key, value] : saved.items()) {
      auto it = current.is_object() ? current.find(key) : current.end();
      restore_at(value, it != current.end() ? *it : json(),
                 diff::pointer_append(pointer, key), mismatched);
    }
  } else if (saved.is_array()) {
    for (std::size_t i = 0; i < saved.size(); ++i) {
      bool present = current.is_array() && i < current.size();
      restore_at(saved[i], present ? current[i] : json(),
                 diff::pointer_append(pointer, std::to_string(i)), mismatched);
    }
  }
}

} // namespace

json sensitive_marker(const json& value)
{
  // A plan read back from its file holds markers in place of its values;
  // kept as they are, the plan shown as JSON is the plan that was saved.
  if (is_sensitive_marker(value) &&
      value[k_sensitive_key].get_ref<const std::string&>().starts_with(
          "hmac-sha256:")) {
    return value;
  }
  return {{k_sensitive_key, content_digest(value)}};
}

bool is_sensitive_marker(const json& value)
{
  return value.is_object() && value.size() == 1 &&
         value.contains(k_sensitive_key) && value[k_sensitive_key].is_string();
}

json document_head(const Plan& plan)
{
  auto summary = summarize(plan);
  return {{"format_version", plan.format_version},
          {"flowctl_version", plan.flowctl_version},
          {"created_at", plan.created_at},
          {"api_url", plan.api_url},
          {"environment", plan.environment},
          {"digest_key", plan.digest_key},
          {"options", options_to_json(plan.options)},
          {"summary",
           {{"update", summary.update},
            {"unchanged", summary.unchanged},
            {"failed", summary.failed}}},
          {"flows", json::array()}};
}

json to_document(const Plan& plan)
{
  auto document = document_head(plan);
  auto& flows = document["flows"];
  for (const auto& flow : plan.flows) {
    flows.push_back(flow_to_json(flow));
  }
  return document;
}

void write_document(const json& head, const std::vector<FlowPlan>& flows,
                    const TextSink& write)
{
  // "flows" goes last, after the other members in the order dump gives
  // them: a reader meets the format version and the summary in the first
  // lines instead of after every flow.
  auto members = head;
  members.erase("flows");
  if (members.empty()) {
    throw std::logic_error("a plan document without its members");
  }
  const auto text = members.dump(2);
  // Everything but the closing "\n}".
  write(std::string_view(text).substr(0, text.size() - 2));
  write(",\n  \"flows\": [");
  std::string piece;
  for (std::size_t i = 0; i < flows.size(); ++i) {
    piece = i == 0 ? "\n    " : ",\n    ";
    // dump escapes newlines inside strings, so each one is a line break
    // and indenting after it puts the flow two levels down.
    for (const char c : flow_to_json(flows[i]).dump(2)) {
      piece += c;
      if (c == '\n') {
        piece += "    ";
      }
    }
    write(piece);
  }
  write(flows.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

std::string document_text(const json& head, const std::vector<FlowPlan>& flows)
{
  std::string out;
  write_document(head, flows, [&](std::string_view piece) { out += piece; });
  return out;
}

std::string document_text(const Plan& plan)
{
  return document_text(document_head(plan), plan.flows);
}

DocumentResult from_document(const json& document)
{
  DocumentResult result;
  try {
    auto version = document.at("format_version").get<int>();
    if (version != k_format_version) {
      result.error = "plan format_version " + std::to_string(version) +
                     " is not supported (this flowctl reads " +
                     std::to_string(k_format_version) + ")";
      return result;
    }
    auto& plan = result.plan;
    plan.format_version = version;
    plan.flowctl_version = document.value("flowctl_version", "");
    plan.created_at = document.value("created_at", "");
    plan.api_url = document.value("api_url", "");
    plan.environment = document.value("environment", "");
    plan.digest_key = document.value("digest_key", "");
    const auto& options = document.at("options");
    plan.options.list_keys =
        options.at("list_keys").get<std::map<std::string, std::string>>();
    plan.options.ignore = options.at("ignore").get<std::vector<std::string>>();
    plan.options.sensitive =
        options.at("sensitive").get<std::vector<std::string>>();
    for (const auto& flow : document.at("flows")) {
      plan.flows.push_back(flow_from_json(flow));
    }
  } catch (const std::exception& error) {
    result.error = std::string("not a valid plan: ") + error.what();
  }
  return result;
}

namespace {

// `input` is anything nlohmann's parser reads: a string or a stream.
template <typename Input>
std::optional<DocumentResult> parse_document_from(Input& input)
{
  std::vector<FlowPlan> flows;
  std::string flow_error;
  bool in_flows = false;
  // Depth 1 holds the document's members, depth 2 the elements of "flows".
  const json::parser_callback_t convert_flow =
      [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 1 && event == json::parse_event_t::key) {
          in_flows = parsed == "flows";
          // A repeated member replaces the one before, as in a whole parse.
          if (in_flows) {
            flows.clear();
            flow_error.clear();
          }
        }
        // Every element, an object or not, is converted in its turn, so the
        // first bad one is the one reported.
        const bool element = event == json::parse_event_t::object_end ||
                             event == json::parse_event_t::array_end ||
                             event == json::parse_event_t::value;
        if (!in_flows || depth != 2 || !element) {
          return true;
        }
        if (flow_error.empty()) {
          try {
            flows.push_back(flow_from_json(parsed));
          } catch (const std::exception& error) {
            flow_error = error.what();
          }
        }
        return false;
      };
  const auto document = json::parse(input, convert_flow, false);
  if (document.is_discarded() || !document.is_object()) {
    return std::nullopt;
  }
  auto result = from_document(document);
  if (result.error.empty() && !flow_error.empty()) {
    result.error = "not a valid plan: " + flow_error;
  }
  if (result.error.empty()) {
    result.plan.flows = std::move(flows);
  }
  return result;
}

} // namespace

std::optional<DocumentResult> parse_document(const std::string& text)
{
  return parse_document_from(text);
}

std::optional<DocumentResult> parse_document(std::istream& in)
{
  return parse_document_from(in);
}

std::vector<std::string> restore_sensitive(json& saved, const json& current)
{
  std::vector<std::string> mismatched;
  restore_at(saved, current, "", mismatched);
  return mismatched;
}

} // namespace flowctl::plan
