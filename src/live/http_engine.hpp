#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace flowctl::live {

struct EngineOptions {
  int parallelism = 8;                      // transfers at once
  int requests_per_minute = 100;            // 0 = unlimited
  std::chrono::milliseconds timeout{30000}; // per attempt
  std::size_t max_response_bytes = std::size_t{8} * 1024 * 1024;
  int max_attempts = 6; // first try + retries
  std::chrono::milliseconds backoff_base{250};
  std::chrono::milliseconds backoff_cap{30000};
  const std::atomic<bool>* stop = nullptr; // when true: start nothing new
};

struct HttpRequest {
  std::string method;
  std::string url;
  std::string body;
  std::vector<std::string> headers; // "Name: value"
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string transport_error; // empty if a status came
  int attempts = 0;
  std::chrono::milliseconds elapsed{}; // first attempt to outcome
  bool cancelled = false;              // stopped before it could finish
  long new_connections = 0; // opened over all attempts, not taken from the pool
};

// Runs HTTP requests over the libcurl multi interface: one connection pool
// for the engine's life, a bounded number of transfers at once, a shared
// request budget, and retries with backoff that never hold up other
// transfers.
class HttpEngine {
public:
  // May move from the response, such as its body: what it leaves is what
  // run() returns.
  using DoneCallback = std::function<void(std::size_t, HttpResponse&)>;

  explicit HttpEngine(EngineOptions options);
  ~HttpEngine();
  HttpEngine(const HttpEngine&) = delete;
  HttpEngine& operator=(const HttpEngine&) = delete;

  // Runs every request, at most `parallelism` at once, and returns the
  // responses in request order. on_done is called on the calling thread as
  // each request reaches its outcome.
  std::vector<HttpResponse> run(const std::vector<HttpRequest>& requests,
                                const DoneCallback& on_done = {});

private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace flowctl::live
