#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowctl::live {

// Narrows the list endpoint; empty fields are not sent.
struct ListFilter {
  std::string project;
  std::string type;
  std::string status;
};

// Flow ids as DESIGN.md allows them: ^[A-Za-z0-9_-]{1,128}$.
bool is_valid_flow_id(std::string_view id);

// Why `url` cannot be the API base, or nullopt when it can. It must be an
// absolute http(s) URL without credentials, query or fragment; plain http
// is allowed only to a loopback host, since the token would travel in the
// clear.
std::optional<std::string> check_base_url(std::string_view url);

// base + "/v2/project-flows/" + the percent-encoded id.
std::string flow_url(std::string_view base, std::string_view id);

// The list endpoint for one page, with the filters percent-encoded.
std::string list_url(std::string_view base, int page, int limit,
                     const ListFilter& filter);

// The path of a URL without scheme, host or query: what logs may show.
std::string url_path(std::string_view url);

// RFC 3986: everything but unreserved characters becomes %XX.
std::string percent_encode(std::string_view text);

} // namespace flowctl::live
