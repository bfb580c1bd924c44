#pragma once

#include "sandbox/flow_store.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace flowctl::sandbox {

// The bodies the sandbox answers with, shaped as the vendor documents
// them. Each returns compact JSON text.

// {"success":true,"data":FLOW,"signature":{"dateTime",...,"message"}}, where
// flow is the flow as JSON text.
std::string flow_body(std::string_view flow);

// {"success":true,"data":[...],"pagination":{"page","limit","total","pages"}}
std::string list_body(const ListPage& page, const ListQuery& query);

// The vendor's usual error shape: {"error":"<words>","message":"<CODE>"}.
std::string error_body(std::string_view words, std::string_view code);

std::string flow_not_found_body();
std::string invalid_configuration_body();
std::string unauthorized_body();

// {"success":false,"error":"Too many requests","code":"RATE_LIMITED"}
std::string rate_limited_body();

// Each 5xx status answers in a different documented shape, so a client
// meets all of them under --error-rate.
std::string server_error_body(int status);

} // namespace flowctl::sandbox
