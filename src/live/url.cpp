#include "live/url.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <memory>

namespace flowctl::live {

namespace {

constexpr std::size_t k_max_id_length = 128;
constexpr std::string_view k_flows_path = "/v2/project-flows";

bool is_id_char(char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_unreserved(char c)
{
  return is_id_char(c) || c == '.' || c == '~';
}

std::string lower(std::string text)
{
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

bool is_loopback_host(const std::string& host)
{
  if (lower(host) == "localhost" || host == "[::1]") {
    return true;
  }
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) != 1) {
    return false;
  }
  const auto first_octet = ntohl(address.s_addr) >> 24;
  return first_octet == 127;
}

struct UrlDeleter {
  void operator()(CURLU* handle) const { curl_url_cleanup(handle); }
};

struct CurlFree {
  void operator()(char* text) const { curl_free(text); }
};

std::optional<std::string> url_part(CURLU* handle, CURLUPart part)
{
  char* raw = nullptr;
  if (curl_url_get(handle, part, &raw, 0) != CURLUE_OK || raw == nullptr) {
    return std::nullopt;
  }
  const std::unique_ptr<char, CurlFree> owned(raw);
  return std::string(raw);
}

std::string_view without_trailing_slashes(std::string_view base)
{
  while (!base.empty() && base.back() == '/') {
    base.remove_suffix(1);
  }
  return base;
}

std::optional<std::string> check_parts(CURLU* handle)
{
  const auto scheme = lower(url_part(handle, CURLUPART_SCHEME).value_or(""));
  if (scheme != "http" && scheme != "https") {
    return "must use https:// (or http:// to a loopback address)";
  }
  if (url_part(handle, CURLUPART_USER) ||
      url_part(handle, CURLUPART_PASSWORD)) {
    return "must not carry credentials; the token comes from the environment";
  }
  if (url_part(handle, CURLUPART_QUERY) ||
      url_part(handle, CURLUPART_FRAGMENT)) {
    return "must not have a query or a fragment";
  }
  const auto host = url_part(handle, CURLUPART_HOST).value_or("");
  if (scheme == "http" && !is_loopback_host(host)) {
    return "plain http:// is allowed only to a loopback address "
           "(127.0.0.0/8, ::1, localhost); use https://";
  }
  return std::nullopt;
}

} // namespace

bool is_valid_flow_id(std::string_view id)
{
  if (id.empty() || id.size() > k_max_id_length) {
    return false;
  }
  for (const char c : id) {
    if (!is_id_char(c)) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> check_base_url(std::string_view url)
{
  // The URL itself is left out of the message: it may hold a password.
  const std::string text(url);
  const std::string prefix = "API URL ";
  if (text.find_first_of(" \t\r\n") != std::string::npos) {
    return prefix + "must not contain whitespace";
  }

  const std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (!handle) {
    return prefix + "could not be parsed (out of memory)";
  }
  const auto rc = curl_url_set(handle.get(), CURLUPART_URL, text.c_str(),
                               CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return prefix + "is not a valid URL: " + curl_url_strerror(rc);
  }
  if (auto problem = check_parts(handle.get())) {
    return prefix + *problem;
  }
  return std::nullopt;
}

std::string flow_url(std::string_view base, std::string_view id)
{
  std::string url(without_trailing_slashes(base));
  url += k_flows_path;
  url += '/';
  url += percent_encode(id);
  return url;
}

std::string list_url(std::string_view base, int page, int limit,
                     const ListFilter& filter)
{
  std::string url(without_trailing_slashes(base));
  url += k_flows_path;
  url += "?page=" + std::to_string(page) + "&limit=" + std::to_string(limit);
  const std::pair<const char*, const std::string*> params[] = {
      {"project", &filter.project},
      {"type", &filter.type},
      {"status", &filter.status}};
  for (const auto& [name, value] : params) {
    if (!value->empty()) {
      url += std::string("&") + name + "=" + percent_encode(*value);
    }
  }
  return url;
}

std::string url_path(std::string_view url)
{
  const auto scheme_end = url.find("://");
  const auto host_start =
      scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const auto path_start = url.find_first_of("/?#", host_start);
  if (path_start == std::string_view::npos || url[path_start] != '/') {
    return "/";
  }
  const auto path_end = url.find_first_of("?#", path_start);
  return std::string(url.substr(path_start, path_end - path_start));
}

std::string percent_encode(std::string_view text)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (is_unreserved(c)) {
      out.push_back(c);
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    out.push_back('%');
    out.push_back(k_hex[byte >> 4]);
    out.push_back(k_hex[byte & 0x0f]);
  }
  return out;
}

} // namespace flowctl::live
