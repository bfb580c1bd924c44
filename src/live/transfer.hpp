#pragma once

#include "live/http_engine.hpp"

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>

namespace flowctl::live {

// What one attempt gave, before the engine decides whether to retry.
struct AttemptOutcome {
  long status = 0;
  std::string body;
  std::string transport_error;
  std::optional<std::string> retry_after; // the header's raw value
  bool retryable = false;
  std::chrono::milliseconds elapsed{};
  long new_connections = 0; // opened for this attempt, 0 when one was reused
};

// One attempt of one request on a libcurl easy handle. The handle is kept
// across attempts and requests so its buffers are reused; connections live
// in the multi handle's pool.
class Transfer {
public:
  Transfer();
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* handle() const { return m_easy; }
  std::size_t index() const { return m_index; }

  // Sets the handle up for `request`, which must outlive the attempt.
  // Returns an error message when libcurl refuses an option.
  std::optional<std::string> prepare(const HttpRequest& request,
                                     std::size_t index,
                                     const EngineOptions& options);

  // Reads the outcome once libcurl reports the transfer done.
  AttemptOutcome finish(CURLcode code);

private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count,
                             void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count,
                               void* self);
  std::optional<std::string> set_method(const HttpRequest& request);
  std::string transport_error(CURLcode code) const;

  CURL* m_easy = nullptr;
  curl_slist* m_headers = nullptr;
  std::size_t m_index = 0;
  std::size_t m_limit = 0;
  bool m_too_large = false;
  std::string m_body;
  std::optional<std::string> m_retry_after;
  std::chrono::steady_clock::time_point m_started;
  char m_error[CURL_ERROR_SIZE] = {};
};

} // namespace flowctl::live
