#include "live/http_engine.hpp"

#include "live/backoff.hpp"
#include "live/token_bucket.hpp"
#include "live/transfer.hpp"
#include "live/url.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <random>

namespace flowctl::live {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The longest the loop sleeps without looking at the stop flag.
constexpr milliseconds k_max_poll{100};

void init_curl_once()
{
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

milliseconds since(Clock::time_point start)
{
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

std::string describe_outcome(const AttemptOutcome& outcome)
{
  if (!outcome.transport_error.empty()) {
    return "error: " + outcome.transport_error;
  }
  return std::to_string(outcome.status);
}

} // namespace

class HttpEngine::Impl {
public:
  explicit Impl(EngineOptions options)
      : m_options(options), m_multi(curl_multi_init()),
        m_bucket(options.requests_per_minute,
                 TokenBucket::default_capacity(options.requests_per_minute)),
        m_random(std::random_device{}())
  {
    m_options.parallelism = std::max(m_options.parallelism, 1);
    m_options.max_attempts = std::max(m_options.max_attempts, 1);
    const long limit = m_options.parallelism;
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, limit);
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, limit);
  }

  ~Impl()
  {
    // A callback that threw can leave transfers attached to the multi
    // handle; they must leave it before either is freed.
    for (const auto& transfer : m_active) {
      curl_multi_remove_handle(m_multi, transfer->handle());
    }
    m_active.clear();
    m_idle.clear();
    curl_multi_cleanup(m_multi);
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::vector<HttpResponse> run(const std::vector<HttpRequest>& requests,
                                const DoneCallback& on_done);

private:
  bool stop_requested() const
  {
    return m_options.stop != nullptr && m_options.stop->load();
  }

  std::optional<std::size_t> next_ready(Clock::time_point now) const;
  void pop_ready(std::size_t index);
  void start_ready();
  void start(std::size_t index);
  void collect_done();
  void handle(std::size_t index, AttemptOutcome outcome);
  milliseconds retry_wait(const AttemptOutcome& outcome, int attempts);
  void finish(std::size_t index);
  void cancel_pending();
  milliseconds poll_timeout();

  EngineOptions m_options;
  CURLM* m_multi;
  TokenBucket m_bucket;
  std::mt19937_64 m_random;
  std::vector<std::unique_ptr<Transfer>> m_idle;

  // State of the current run().
  const std::vector<HttpRequest>* m_requests = nullptr;
  const DoneCallback* m_on_done = nullptr;
  std::vector<HttpResponse> m_responses;
  std::vector<Clock::time_point> m_first_start;
  std::deque<std::size_t> m_fresh;
  std::multimap<Clock::time_point, std::size_t> m_retries;
  std::vector<std::unique_ptr<Transfer>> m_active;
  std::size_t m_finished = 0;
};

std::vector<HttpResponse>
HttpEngine::Impl::run(const std::vector<HttpRequest>& requests,
                      const DoneCallback& on_done)
{
  m_requests = &requests;
  m_on_done = &on_done;
  m_responses.assign(requests.size(), HttpResponse{});
  m_first_start.assign(requests.size(), Clock::time_point{});
  m_fresh.clear();
  m_retries.clear();
  m_finished = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    m_fresh.push_back(i);
  }

  while (m_finished < requests.size()) {
    if (stop_requested()) {
      cancel_pending();
    }
    start_ready();
    int running = 0;
    curl_multi_perform(m_multi, &running);
    collect_done();
    if (m_finished < requests.size()) {
      curl_multi_poll(m_multi, nullptr, 0,
                      static_cast<int>(poll_timeout().count()), nullptr);
    }
  }

  m_requests = nullptr;
  m_on_done = nullptr;
  return std::move(m_responses);
}

// Retries whose time has come go before requests not yet tried, so a
// request that already waited is not starved by a long queue.
std::optional<std::size_t>
HttpEngine::Impl::next_ready(Clock::time_point now) const
{
  if (!m_retries.empty() && m_retries.begin()->first <= now) {
    return m_retries.begin()->second;
  }
  if (!m_fresh.empty()) {
    return m_fresh.front();
  }
  return std::nullopt;
}

void HttpEngine::Impl::pop_ready(std::size_t index)
{
  if (!m_retries.empty() && m_retries.begin()->second == index) {
    m_retries.erase(m_retries.begin());
  } else {
    m_fresh.pop_front();
  }
}

void HttpEngine::Impl::start_ready()
{
  const auto limit = static_cast<std::size_t>(m_options.parallelism);
  while (m_active.size() < limit) {
    const auto index = next_ready(Clock::now());
    if (!index || !m_bucket.try_take()) {
      return;
    }
    pop_ready(*index);
    start(*index);
  }
}

void HttpEngine::Impl::start(std::size_t index)
{
  auto& response = m_responses[index];
  if (response.attempts == 0) {
    m_first_start[index] = Clock::now();
  }
  response.attempts += 1;

  std::unique_ptr<Transfer> transfer;
  if (m_idle.empty()) {
    transfer = std::make_unique<Transfer>();
  } else {
    transfer = std::move(m_idle.back());
    m_idle.pop_back();
  }

  const auto& request = (*m_requests)[index];
  auto problem = transfer->prepare(request, index, m_options);
  if (!problem &&
      curl_multi_add_handle(m_multi, transfer->handle()) != CURLM_OK) {
    problem = "could not start the transfer";
  }
  if (problem) {
    m_idle.push_back(std::move(transfer));
    AttemptOutcome outcome;
    outcome.transport_error = *problem;
    handle(index, std::move(outcome));
    return;
  }
  m_active.push_back(std::move(transfer));
}

void HttpEngine::Impl::collect_done()
{
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(m_multi, &left)) {
    if (message->msg != CURLMSG_DONE) {
      continue;
    }
    CURL* easy = message->easy_handle;
    const CURLcode code = message->data.result;
    curl_multi_remove_handle(m_multi, easy);

    const auto it = std::find_if(
        m_active.begin(), m_active.end(),
        [easy](const auto& transfer) { return transfer->handle() == easy; });
    if (it == m_active.end()) {
      continue;
    }
    auto outcome = (*it)->finish(code);
    const auto index = (*it)->index();
    m_idle.push_back(std::move(*it));
    m_active.erase(it);
    handle(index, std::move(outcome));
  }
}

void HttpEngine::Impl::handle(std::size_t index, AttemptOutcome outcome)
{
  const auto& request = (*m_requests)[index];
  // A plan of thousands of flows makes as many answers; their lines are
  // built only when they are written.
  if (spdlog::should_log(spdlog::level::trace)) {
    spdlog::trace("{} {} -> {} ({} ms)", request.method, url_path(request.url),
                  describe_outcome(outcome), outcome.elapsed.count());
  }
  auto& response = m_responses[index];
  const bool retry =
      outcome.retryable && response.attempts < m_options.max_attempts;
  // Described before the answer's parts move out, for the retry's line.
  const auto reason = retry && spdlog::should_log(spdlog::level::debug)
                          ? describe_outcome(outcome)
                          : std::string();
  response.status = outcome.status;
  response.body = std::move(outcome.body);
  response.transport_error = std::move(outcome.transport_error);
  response.new_connections += outcome.new_connections;

  if (!retry) {
    finish(index);
    return;
  }
  // A retry is a new start, which a stop request rules out.
  if (stop_requested()) {
    response.cancelled = true;
    finish(index);
    return;
  }

  const auto wait = retry_wait(outcome, response.attempts);
  spdlog::debug("{} {}: retrying in {} ms (attempt {} of {}) after {}",
                request.method, url_path(request.url), wait.count(),
                response.attempts + 1, m_options.max_attempts, reason);
  m_retries.emplace(Clock::now() + wait, index);
}

milliseconds HttpEngine::Impl::retry_wait(const AttemptOutcome& outcome,
                                          int attempts)
{
  if (outcome.retry_after) {
    const auto asked = parse_retry_after(*outcome.retry_after,
                                         std::chrono::system_clock::now());
    if (asked) {
      return std::min(*asked, m_options.backoff_cap);
    }
  }
  std::uniform_real_distribution<double> share(0.0, 1.0);
  return backoff_delay(attempts, m_options.backoff_base, m_options.backoff_cap,
                       share(m_random));
}

void HttpEngine::Impl::finish(std::size_t index)
{
  auto& response = m_responses[index];
  if (response.attempts > 0) {
    response.elapsed = since(m_first_start[index]);
  }
  ++m_finished;
  if (*m_on_done) {
    (*m_on_done)(index, response);
  }
}

void HttpEngine::Impl::cancel_pending()
{
  std::vector<std::size_t> pending(m_fresh.begin(), m_fresh.end());
  for (const auto& [when, index] : m_retries) {
    pending.push_back(index);
  }
  m_fresh.clear();
  m_retries.clear();
  std::sort(pending.begin(), pending.end());
  for (const auto index : pending) {
    m_responses[index].cancelled = true;
    finish(index);
  }
}

// Sleeps until a retry is due or the budget has a token, but never so long
// that a stop request or libcurl's own timers go unnoticed.
milliseconds HttpEngine::Impl::poll_timeout()
{
  const auto now = Clock::now();
  milliseconds wait = k_max_poll;
  const bool has_room =
      m_active.size() < static_cast<std::size_t>(m_options.parallelism);
  if (has_room && next_ready(now)) {
    wait = std::min(wait, m_bucket.wait_time());
  } else if (has_room && !m_retries.empty()) {
    const auto due =
        std::chrono::ceil<milliseconds>(m_retries.begin()->first - now);
    wait = std::min(wait, std::max(due, milliseconds(0)));
  }
  return wait;
}

HttpEngine::HttpEngine(EngineOptions options)
{
  init_curl_once();
  m_impl = std::make_unique<Impl>(options);
}

HttpEngine::~HttpEngine() = default;

std::vector<HttpResponse>
HttpEngine::run(const std::vector<HttpRequest>& requests,
                const DoneCallback& on_done)
{
  return m_impl->run(requests, on_done);
}

} // namespace flowctl::live
