#include "live/transfer.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace flowctl::live {

namespace {

using Clock = std::chrono::steady_clock;

bool is_retryable_status(long status)
{
  return status == 429 || (status >= 500 && status <= 599);
}

// Failures where the same request may well succeed a moment later: the
// server was unreachable, slow, or broke the connection mid-answer.
bool is_retryable_code(CURLcode code)
{
  switch (code) {
  case CURLE_COULDNT_CONNECT:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_GOT_NOTHING:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_PARTIAL_FILE:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
  case CURLE_HTTP3:
    return true;
  default:
    return false;
  }
}

bool starts_with_nocase(std::string_view text, std::string_view prefix)
{
  if (text.size() < prefix.size()) {
    return false;
  }
  return std::equal(prefix.begin(), prefix.end(), text.begin(),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

std::string_view trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos || last < first) {
    return {};
  }
  return text.substr(first, last - first + 1);
}

} // namespace

Transfer::Transfer() : m_easy(curl_easy_init()) {}

Transfer::~Transfer()
{
  curl_slist_free_all(m_headers);
  if (m_easy != nullptr) {
    curl_easy_cleanup(m_easy);
  }
}

std::optional<std::string> Transfer::prepare(const HttpRequest& request,
                                             std::size_t index,
                                             const EngineOptions& options)
{
  if (m_easy == nullptr) {
    return "could not create a transfer handle";
  }
  curl_easy_reset(m_easy);
  curl_slist_free_all(m_headers);
  m_headers = nullptr;
  m_index = index;
  m_limit = options.max_response_bytes;
  m_too_large = false;
  m_body.clear();
  m_retry_after.reset();
  m_error[0] = '\0';
  m_started = Clock::now();

  for (const auto& header : request.headers) {
    m_headers = curl_slist_append(m_headers, header.c_str());
  }
  // Large bodies would otherwise wait a second for a "100 Continue" that
  // many servers never send.
  m_headers = curl_slist_append(m_headers, "Expect:");

  const auto max_bytes = static_cast<curl_off_t>(options.max_response_bytes);
  // Over TLS, a transfer waits to share an HTTP/2 connection rather than
  // open its own. Plain http is HTTP/1.1 only, where waiting would make
  // transfers queue behind each other.
  const long wait_for_multiplex = starts_with_nocase(request.url, "https:");
  const bool ok =
      curl_easy_setopt(m_easy, CURLOPT_URL, request.url.c_str()) == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_PROTOCOLS_STR, "http,https") ==
          CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS) ==
          CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_PIPEWAIT, wait_for_multiplex) ==
          CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_TIMEOUT_MS,
                       static_cast<long>(options.timeout.count())) ==
          CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_MAXFILESIZE_LARGE, max_bytes) ==
          CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_ACCEPT_ENCODING, "") == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_HTTPHEADER, m_headers) == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_ERRORBUFFER, m_error) == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_WRITEFUNCTION, &on_body) == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_WRITEDATA, this) == CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_HEADERFUNCTION, &on_header) ==
          CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_HEADERDATA, this) == CURLE_OK;
  if (!ok) {
    return "could not set up the transfer";
  }
  return set_method(request);
}

std::optional<std::string> Transfer::set_method(const HttpRequest& request)
{
  if (request.method == "GET") {
    curl_easy_setopt(m_easy, CURLOPT_HTTPGET, 1L);
    return std::nullopt;
  }
  // The request outlives the attempt, so libcurl may read its body in
  // place instead of copying it.
  const bool ok =
      curl_easy_setopt(m_easy, CURLOPT_POSTFIELDS, request.body.data()) ==
          CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size())) ==
          CURLE_OK &&
      curl_easy_setopt(m_easy, CURLOPT_CUSTOMREQUEST, request.method.c_str()) ==
          CURLE_OK;
  if (!ok) {
    return "could not set the request method " + request.method;
  }
  return std::nullopt;
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count,
                              void* self)
{
  auto* transfer = static_cast<Transfer*>(self);
  const std::size_t bytes = size * count;
  if (transfer->m_body.size() + bytes > transfer->m_limit) {
    transfer->m_too_large = true;
    return 0; // makes libcurl abort the transfer
  }
  transfer->m_body.append(data, bytes);
  return bytes;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count,
                                void* self)
{
  auto* transfer = static_cast<Transfer*>(self);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);

  // A status line starts a new header block (after "100 Continue" or a
  // retried connection): earlier headers do not belong to this answer.
  if (starts_with_nocase(line, "HTTP/")) {
    transfer->m_retry_after.reset();
  } else if (starts_with_nocase(line, "retry-after:")) {
    transfer->m_retry_after =
        std::string(trim(line.substr(std::string_view("retry-after:").size())));
  }
  return bytes;
}

std::string Transfer::transport_error(CURLcode code) const
{
  if (m_too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return "response larger than " + std::to_string(m_limit) + " bytes";
  }
  if (m_error[0] != '\0') {
    return m_error;
  }
  return curl_easy_strerror(code);
}

AttemptOutcome Transfer::finish(CURLcode code)
{
  AttemptOutcome outcome;
  outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      Clock::now() - m_started);
  curl_slist_free_all(m_headers);
  m_headers = nullptr;

  if (code != CURLE_OK) {
    outcome.transport_error = transport_error(code);
    outcome.retryable = !m_too_large && is_retryable_code(code);
    return outcome;
  }
  curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &outcome.status);
  curl_easy_getinfo(m_easy, CURLINFO_NUM_CONNECTS, &outcome.new_connections);
  outcome.body = std::move(m_body);
  m_body.clear();
  outcome.retry_after = std::move(m_retry_after);
  outcome.retryable = is_retryable_status(outcome.status);
  return outcome;
}

} // namespace flowctl::live
