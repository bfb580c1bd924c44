#include "live/verifik_client.hpp"

#include <algorithm>
#include <iterator>

namespace flowctl::live {

namespace {

constexpr int k_page_limit = 100;

// A bound on pages read, so a server that ignores "page" cannot keep the
// client busy forever: 100,000 flows.
constexpr int k_max_pages = 1000;

void append(std::vector<nlohmann::json>& to, std::vector<nlohmann::json>& from)
{
  std::move(from.begin(), from.end(), std::back_inserter(to));
}

} // namespace

VerifikClient::VerifikClient(ClientOptions options)
    : m_options(std::move(options)),
      m_url_problem(check_base_url(m_options.base_url)),
      m_engine(m_options.engine)
{}

HttpRequest VerifikClient::request(std::string method, std::string url,
                                   std::string body) const
{
  HttpRequest request{std::move(method), std::move(url), std::move(body), {}};
  request.headers = {"Authorization: Bearer " + m_options.token,
                     "Accept: application/json",
                     "User-Agent: " + m_options.user_agent};
  if (request.method != "GET") {
    request.headers.emplace_back("Content-Type: application/json");
  }
  return request;
}

// Why a call for `id` must not go out at all, if it must not.
std::optional<ApiError> VerifikClient::refusal(const std::string& id) const
{
  if (m_url_problem) {
    return ApiError{0, "INVALID_URL", *m_url_problem};
  }
  if (!is_valid_flow_id(id)) {
    return ApiError{0, "INVALID_ID",
                    "flow id '" + body_excerpt(id) +
                        "' does not match ^[A-Za-z0-9_-]{1,128}$"};
  }
  return std::nullopt;
}

std::vector<FlowResult> VerifikClient::run_flow_requests(
    const std::vector<std::string>& ids,
    const std::function<HttpRequest(std::size_t)>& make_request,
    const std::function<void(std::size_t, FlowResult&)>& on_done)
{
  std::vector<FlowResult> results(ids.size());
  std::vector<std::size_t> sent; // request slot -> position in ids
  std::vector<HttpRequest> to_send;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    results[i].id = ids[i];
    results[i].error = refusal(ids[i]);
    if (results[i].error) {
      if (on_done) {
        on_done(i, results[i]);
      }
      continue;
    }
    sent.push_back(i);
    to_send.push_back(make_request(i));
  }

  m_engine.run(to_send, [&](std::size_t slot, HttpResponse& response) {
    const auto i = sent[slot];
    results[i] = read_flow_response(ids[i], response);
    std::string().swap(response.body);
    if (on_done) {
      on_done(i, results[i]);
    }
  });
  return results;
}

std::function<HttpRequest(std::size_t)>
VerifikClient::flow_getter(const std::vector<std::string>& ids) const
{
  return [this, &ids](std::size_t i) {
    return request("GET", flow_url(m_options.base_url, ids[i]));
  };
}

std::vector<FlowResult> VerifikClient::get_flows(
    const std::vector<std::string>& ids,
    const std::function<void(std::size_t done, std::size_t total)>& progress)
{
  std::size_t done = 0;
  const auto count = [&](std::size_t, const FlowResult&) {
    ++done;
    if (progress) {
      progress(done, ids.size());
    }
  };
  return run_flow_requests(ids, flow_getter(ids), count);
}

void VerifikClient::fetch_flows(
    const std::vector<std::string>& ids,
    const std::function<void(std::size_t, FlowResult&)>& on_result)
{
  run_flow_requests(ids, flow_getter(ids), on_result);
}

std::vector<FlowResult> VerifikClient::update_flows(
    const std::vector<std::pair<std::string, nlohmann::json>>& updates,
    const std::function<void(std::size_t, const FlowResult&)>& on_done)
{
  std::vector<std::string> ids;
  ids.reserve(updates.size());
  for (const auto& update : updates) {
    ids.push_back(update.first);
  }
  const auto make_request = [&](std::size_t i) {
    return request("PUT", flow_url(m_options.base_url, ids[i]),
                   updates[i].second.dump());
  };
  return run_flow_requests(ids, make_request, on_done);
}

ListPage VerifikClient::fetch_page(const ListFilter& filter, int page)
{
  const std::vector<HttpRequest> requests{
      request("GET", list_url(m_options.base_url, page, k_page_limit, filter))};
  return read_list_response(m_engine.run(requests).front());
}

ListResult VerifikClient::list_flows(const ListFilter& filter)
{
  ListResult result;
  if (m_url_problem) {
    result.error = ApiError{0, "INVALID_URL", *m_url_problem};
    return result;
  }

  // The first page says how many there are; the rest go out together.
  auto first = fetch_page(filter, 1);
  if (first.error) {
    result.error = std::move(first.error);
    return result;
  }
  if (first.pages == 0) {
    return list_unpaged(filter, std::move(first.flows));
  }
  if (first.pages > k_max_pages) {
    result.error = ApiError{200, "TOO_MANY_PAGES",
                            "the flow list has " + std::to_string(first.pages) +
                                " pages; flowctl reads at most " +
                                std::to_string(k_max_pages)};
    return result;
  }
  result.flows = std::move(first.flows);

  std::vector<HttpRequest> requests;
  for (int page = 2; page <= first.pages; ++page) {
    requests.push_back(request(
        "GET", list_url(m_options.base_url, page, k_page_limit, filter)));
  }
  for (const auto& response : m_engine.run(requests)) {
    auto page = read_list_response(response);
    if (page.error) {
      result.flows.clear();
      result.error = std::move(page.error);
      return result;
    }
    append(result.flows, page.flows);
  }
  return result;
}

ListResult VerifikClient::list_unpaged(const ListFilter& filter,
                                       std::vector<nlohmann::json> flows)
{
  ListResult result;
  auto last_size = flows.size();
  result.flows = std::move(flows);
  for (int page = 2; last_size >= k_page_limit && page <= k_max_pages; ++page) {
    auto next = fetch_page(filter, page);
    if (next.error) {
      result.flows.clear();
      result.error = std::move(next.error);
      return result;
    }
    last_size = next.flows.size();
    append(result.flows, next.flows);
  }
  return result;
}

} // namespace flowctl::live
