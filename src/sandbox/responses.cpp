#include "sandbox/responses.hpp"

#include "sandbox/timestamps.hpp"

namespace flowctl::sandbox {

namespace {

using nlohmann::json;

std::string dump(const json& value)
{
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string signature_text()
{
  return dump({{"dateTime", signature_time(std::chrono::system_clock::now())},
               {"message", "Certified by Verifik.co"}});
}

std::size_t page_count(std::size_t total, std::size_t limit)
{
  return (total + limit - 1) / limit;
}

} // namespace

std::string flow_body(std::string_view flow)
{
  std::string body = R"({"success":true,"data":)";
  body.append(flow);
  body.append(R"(,"signature":)");
  body.append(signature_text());
  body.append("}");
  return body;
}

std::string list_body(const ListPage& page, const ListQuery& query)
{
  // Ordered so the answer reads like the vendor's: page, limit, total, pages.
  const nlohmann::ordered_json pagination = {
      {"page", query.page},
      {"limit", query.limit},
      {"total", page.total},
      {"pages", page_count(page.total, query.limit)}};
  return R"({"success":true,"data":)" + dump(json(page.items)) +
         R"(,"pagination":)" + pagination.dump() + "}";
}

std::string error_body(std::string_view words, std::string_view code)
{
  return dump({{"error", words}, {"message", code}});
}

std::string flow_not_found_body()
{
  return error_body("Project flow not found", "PROJECT_FLOW_NOT_FOUND");
}

std::string invalid_configuration_body()
{
  return error_body("Invalid configuration", "INVALID_CONFIGURATION");
}

std::string unauthorized_body()
{
  return error_body("Unauthorized", "INVALID_TOKEN");
}

std::string rate_limited_body()
{
  return dump({{"success", false},
               {"error", "Too many requests"},
               {"code", "RATE_LIMITED"}});
}

std::string server_error_body(int status)
{
  if (status == 502) {
    return dump(
        {{"error", {{"message", "Bad gateway"}, {"code", "BAD_GATEWAY"}}}});
  }
  if (status == 503) {
    return dump({{"success", false},
                 {"error", "Service temporarily unavailable"},
                 {"code", "SERVICE_UNAVAILABLE"}});
  }
  return dump({{"code", "INTERNAL"}, {"message", "Internal server error"}});
}

} // namespace flowctl::sandbox
