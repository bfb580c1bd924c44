#pragma once

#include "live/http_engine.hpp"
#include "live/responses.hpp"
#include "live/url.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowctl::live {

struct ClientOptions {
  std::string base_url;
  std::string token;
  EngineOptions engine;
  std::string user_agent = "flowctl"; // e.g. "flowctl/0.1.0"
};

struct ListResult {
  std::vector<nlohmann::json> flows;
  std::optional<ApiError> error;
};

// The Verifik project-flows API. Every call runs its requests in parallel
// on one engine, so they share its connections and request budget.
class VerifikClient {
public:
  // A base URL that check_base_url rejects makes every call fail with
  // that reason (code INVALID_URL) without touching the network.
  explicit VerifikClient(ClientOptions options);

  // GET /v2/project-flows/{id} for each id; results in the order of ids.
  // progress(done, total) is called as each one finishes.
  std::vector<FlowResult>
  get_flows(const std::vector<std::string>& ids,
            const std::function<void(std::size_t done, std::size_t total)>&
                progress = {});

  // The same GETs, each answer handed to `on_result` as it arrives, to be
  // moved from: nothing is kept, so that many flows need not all be held at
  // once.
  void
  fetch_flows(const std::vector<std::string>& ids,
              const std::function<void(std::size_t, FlowResult&)>& on_result);

  // Every page of GET /v2/project-flows, 100 flows a page.
  ListResult list_flows(const ListFilter& filter);

  // PUT /v2/project-flows/{id} with each body; results in input order.
  std::vector<FlowResult> update_flows(
      const std::vector<std::pair<std::string, nlohmann::json>>& updates,
      const std::function<void(std::size_t, const FlowResult&)>& on_done = {});

private:
  HttpRequest request(std::string method, std::string url,
                      std::string body = {}) const;
  std::optional<ApiError> refusal(const std::string& id) const;
  // The GET of the flow ids[i], for run_flow_requests.
  std::function<HttpRequest(std::size_t)>
  flow_getter(const std::vector<std::string>& ids) const;
  std::vector<FlowResult> run_flow_requests(
      const std::vector<std::string>& ids,
      const std::function<HttpRequest(std::size_t)>& make_request,
      const std::function<void(std::size_t, FlowResult&)>& on_done);
  ListPage fetch_page(const ListFilter& filter, int page);
  // For a server that gives no page count: reads on until a short page.
  ListResult list_unpaged(const ListFilter& filter,
                          std::vector<nlohmann::json> flows);

  ClientOptions m_options;
  std::optional<std::string> m_url_problem;
  HttpEngine m_engine;
};

} // namespace flowctl::live
