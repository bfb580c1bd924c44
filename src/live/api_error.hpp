#pragma once

#include <string>
#include <string_view>

namespace flowctl::live {

// A failed call in the server's own words. Transport failures (no HTTP
// status at all) have status 0 and code "TRANSPORT".
struct ApiError {
  long status = 0;
  std::string code;
  std::string message;
  // How many times the request was sent; more than one means the retries
  // ran out, which describe() says.
  int attempts = 1;

  // One line, e.g. "HTTP 404 PROJECT_FLOW_NOT_FOUND: Project flow not found",
  // or "HTTP 429 RATE_LIMITED: Too many requests (gave up after 6 attempts)".
  std::string describe() const;
};

inline constexpr const char* k_transport_code = "TRANSPORT";

// Reads an error body in any of the shapes the API is known to send:
//   {"error":"words","message":"UPPER_SNAKE"}   {"code","message"}
//   {"success":false,"error","code"}            {"error":{"message","code"}}
// Anything else (HTML, empty, truncated or non-object JSON) gives a message
// quoting a short, printable excerpt of the body.
ApiError parse_api_error(long status, std::string_view body);

// Up to `limit` printable ASCII characters of `text`, whitespace runs
// folded to one space, with "..." when cut. Safe to put in a log line.
std::string body_excerpt(std::string_view text, std::size_t limit = 80);

} // namespace flowctl::live
