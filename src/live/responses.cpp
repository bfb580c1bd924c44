#include "live/responses.hpp"

#include "diff/json_depth.hpp"

namespace flowctl::live {

namespace {

constexpr const char* k_bad_response = "BAD_RESPONSE";

bool is_success(long status)
{
  return status >= 200 && status <= 299;
}

ApiError bad_response(long status, const std::string& what,
                      std::string_view body)
{
  const auto excerpt = body_excerpt(body);
  return ApiError{status, k_bad_response,
                  excerpt.empty() ? what + " (empty body)"
                                  : what + ": " + excerpt};
}

// The flow inside a parsed 2xx body, or nullptr when the body holds none.
nlohmann::json* find_flow(nlohmann::json& body)
{
  if (!body.is_object()) {
    return nullptr;
  }
  const auto data = body.find("data");
  if (data != body.end()) {
    return data->is_object() ? &*data : nullptr;
  }
  if (body.contains("_id")) {
    return &body;
  }
  return nullptr;
}

// A server that answers for another flow would make any diff wrong.
std::optional<std::string> id_mismatch(const std::string& id,
                                       const nlohmann::json& flow)
{
  const auto found = flow.find("_id");
  if (found == flow.end() || !found->is_string() || *found == id) {
    return std::nullopt;
  }
  return "flow " + id + ": the server answered with flow " +
         body_excerpt(found->get<std::string>());
}

int page_count(const nlohmann::json& body)
{
  const auto pagination = body.find("pagination");
  if (pagination == body.end() || !pagination->is_object()) {
    return 0;
  }
  const auto pages = pagination->find("pages");
  if (pages == pagination->end() || !pages->is_number_integer()) {
    return 0;
  }
  return std::max(pages->get<int>(), 0);
}

// The body as JSON, discarded when it is not JSON or nests deeper than any
// flow does.
nlohmann::json parse_body(const std::string& body)
{
  if (diff::nested_deeper_than(body, diff::k_max_json_depth)) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return nlohmann::json::parse(body, nullptr, false);
}

// A request stopped while it waited for a retry was sent at least once,
// and the server may have acted on it: the summary must not say otherwise.
ApiError cancellation(const HttpResponse& response)
{
  ApiError error{response.status, "CANCELLED",
                 "stopped before the request could be sent", response.attempts};
  if (response.attempts == 0) {
    return error;
  }
  if (response.status == 429) {
    error.message = "sent, refused with HTTP 429, and not retried";
  } else if (response.status != 0) {
    error.message = "sent, answered HTTP " + std::to_string(response.status) +
                    ", and not retried: it may have been applied";
  } else {
    error.message = "sent, failed (" + response.transport_error +
                    "), and not retried: it may have been applied";
  }
  return error;
}

} // namespace

std::optional<ApiError> transport_failure(const HttpResponse& response)
{
  if (response.cancelled) {
    return cancellation(response);
  }
  if (!response.transport_error.empty()) {
    return ApiError{0, k_transport_code, response.transport_error,
                    std::max(response.attempts, 1)};
  }
  return std::nullopt;
}

FlowResult read_flow_response(const std::string& id,
                              const HttpResponse& response)
{
  FlowResult result{id, std::nullopt, transport_failure(response)};
  if (result.error) {
    return result;
  }
  if (!is_success(response.status)) {
    result.error = parse_api_error(response.status, response.body);
    result.error->attempts = std::max(response.attempts, 1);
    return result;
  }

  auto body = parse_body(response.body);
  auto* flow = body.is_discarded() ? nullptr : find_flow(body);
  if (flow == nullptr) {
    result.error =
        bad_response(response.status,
                     "flow " + id + ": no flow in the response", response.body);
    return result;
  }
  if (auto mismatch = id_mismatch(id, *flow)) {
    result.error = ApiError{response.status, k_bad_response, *mismatch};
    return result;
  }
  result.flow = std::move(*flow);
  return result;
}

ListPage read_list_response(const HttpResponse& response)
{
  ListPage page;
  page.error = transport_failure(response);
  if (page.error) {
    return page;
  }
  if (!is_success(response.status)) {
    page.error = parse_api_error(response.status, response.body);
    page.error->attempts = std::max(response.attempts, 1);
    return page;
  }

  const auto body = parse_body(response.body);
  const nlohmann::json* items = nullptr;
  if (body.is_array()) {
    items = &body;
  } else if (body.is_object() && body.contains("data")) {
    items = &body["data"];
  }
  if (items == nullptr || !items->is_array()) {
    page.error = bad_response(
        response.status, "flow list: no list in the response", response.body);
    return page;
  }
  for (const auto& item : *items) {
    if (!item.is_object()) {
      page.error = bad_response(
          response.status, "flow list: an item is not an object", item.dump());
      page.flows.clear();
      return page;
    }
    page.flows.push_back(item);
  }
  page.pages = body.is_object() ? page_count(body) : 0;
  return page;
}

} // namespace flowctl::live
