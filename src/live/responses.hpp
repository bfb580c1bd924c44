#pragma once

#include "live/api_error.hpp"
#include "live/http_engine.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowctl::live {

// One flow fetched or updated: the flow, or why there is none.
struct FlowResult {
  std::string id;
  std::optional<nlohmann::json> flow;
  std::optional<ApiError> error;
};

// One page of the list endpoint.
struct ListPage {
  std::vector<nlohmann::json> flows;
  int pages = 0; // 0 when the server did not say
  std::optional<ApiError> error;
};

// The error for a response with no usable status: a transport failure, or
// a request cancelled before it could finish.
std::optional<ApiError> transport_failure(const HttpResponse& response);

// Reads a GET or PUT answer for flow `id`. A 2xx body may be the envelope
// {"success":true,"data":FLOW,...}, {"data":FLOW} or a bare flow with _id;
// anything else is an error naming the flow, never an exception.
FlowResult read_flow_response(const std::string& id,
                              const HttpResponse& response);

// Reads a list answer: {"data":[...],"pagination":{"pages":N}} with or
// without "success", or a bare array.
ListPage read_list_response(const HttpResponse& response);

} // namespace flowctl::live
