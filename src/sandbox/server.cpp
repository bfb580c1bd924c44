#include "sandbox/server.hpp"

#include "sandbox/responses.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <thread>

namespace flowctl::sandbox {

namespace {

constexpr std::string_view k_collection = "/v2/project-flows";
constexpr std::string_view k_item_prefix = "/v2/project-flows/";
constexpr std::string_view k_bearer = "Bearer ";
// With a charset, as Express-based APIs answer. cpp-httplib compresses a
// bare "application/json" whenever the client accepts it, with brotli at
// its slowest setting: about a millisecond of CPU per answer, which made
// the sandbox rather than its client the bottleneck of every benchmark.
constexpr const char* k_json = "application/json; charset=utf-8";
constexpr std::size_t k_max_limit = 100;

// Enough workers that parallel clients waiting out an injected latency, or
// holding kept-alive connections, are not served one after another.
constexpr std::size_t k_worker_threads = 64;
constexpr std::size_t k_max_body_bytes = std::size_t{16} << 20;
constexpr std::size_t k_keep_alive_requests = 1000;
// Short, because an idle kept-alive connection delays shutdown this long.
constexpr time_t k_keep_alive_seconds = 2;

// Whether this worker thread is answering a request. A worker answers one
// request at a time, from routing until the library logs the written
// answer, so a flag per thread pairs the start and end of each answer.
thread_local bool t_answering = false;

// What a dropped answer starts to send: headers that promise a body, then
// a fragment of it, then the connection closes.
constexpr std::string_view k_dropped_fragment = R"({"success":true,"data":{)";
constexpr std::size_t k_dropped_length = 4096;

// The library's default also sets SO_REUSEPORT, which would let a second
// sandbox share a busy port instead of failing to start.
void reuse_address_only(socket_t socket)
{
  const int on = 1;
  setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
}

void send(httplib::Response& response, int status, const std::string& body)
{
  response.status = status;
  response.set_content(body, k_json);
}

void drop(httplib::Response& response)
{
  response.status = 200;
  response.set_content_provider(
      k_dropped_length, k_json,
      [](std::size_t, std::size_t, httplib::DataSink& sink) {
        sink.write(k_dropped_fragment.data(), k_dropped_fragment.size());
        return false;
      });
}

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// A missing parameter keeps the fallback; anything but a positive integer
// is refused.
bool read_count(const httplib::Request& request, const char* name,
                std::size_t& value)
{
  if (!request.has_param(name)) {
    return true;
  }
  const std::string text = request.get_param_value(name);
  std::size_t parsed = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size() || parsed == 0) {
    return false;
  }
  value = parsed;
  return true;
}

// The API caps limit at 100; a larger one is clamped, not refused, and the
// answer's pagination shows the limit actually used.
std::optional<ListQuery> read_list_query(const httplib::Request& request)
{
  ListQuery query;
  if (!read_count(request, "page", query.page) ||
      !read_count(request, "limit", query.limit)) {
    return std::nullopt;
  }
  query.limit = std::min(query.limit, k_max_limit);
  query.project = request.get_param_value("project");
  query.type = request.get_param_value("type");
  query.status = request.get_param_value("status");
  return query;
}

// False for a request that can carry a body but announces none.
bool has_body_framing(const httplib::Request& request)
{
  const std::string& method = request.method;
  const bool may_have_body =
      method == "POST" || method == "PUT" || method == "PATCH";
  return !may_have_body || request.has_header("Content-Length") ||
         request.has_header("Transfer-Encoding");
}

bool is_read(const std::string& method)
{
  return method == "GET" || method == "HEAD";
}

void method_not_allowed(httplib::Response& response, const char* allowed)
{
  response.set_header("Allow", allowed);
  send(response, 405, error_body("Method not allowed", "METHOD_NOT_ALLOWED"));
}

// Control characters would split one logged body over several lines.
std::string one_line(std::string_view text)
{
  std::string line;
  line.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      line += "\\n";
    } else if (c == '\r') {
      line += "\\r";
    } else {
      line += c;
    }
  }
  return line;
}

} // namespace

bool HttpServer::widen_backlog()
{
  // Listening again on a listening socket only changes its backlog.
  return ::listen(svr_sock_, SOMAXCONN) == 0;
}

struct Server::Exchange {
  const httplib::Request& request;
  httplib::Response& response;
  bool dropped = false;
};

Server::Server(ServerConfig config, FlowStore& store, Persistence* persistence)
    : m_config(std::move(config)), m_store(store), m_persistence(persistence),
      m_faults(m_config.faults)
{
  m_http.new_task_queue = [] {
    return new httplib::ThreadPool(k_worker_threads);
  };
  m_http.set_socket_options(reuse_address_only);
  m_http.set_tcp_nodelay(true);
  m_http.set_keep_alive_max_count(k_keep_alive_requests);
  m_http.set_keep_alive_timeout(k_keep_alive_seconds);
  m_http.set_payload_max_length(k_max_body_bytes);

  // One handler for every method and path: routing, 404 and 405 are
  // decided below, so every request meets the same auth and faults.
  const auto handler = [this](const httplib::Request& request,
                              httplib::Response& response) {
    handle(request, response);
  };
  m_http.Get(".*", handler);
  m_http.Put(".*", handler);
  m_http.Post(".*", handler);
  m_http.Patch(".*", handler);
  m_http.Delete(".*", handler);
  m_http.Options(".*", handler);

  // HTTP/1.1 gives a request without Content-Length or Transfer-Encoding
  // no body, but the library would wait for one until its read timeout.
  m_http.set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        begin_answer();
        if (!has_body_framing(request)) {
          handle(request, response);
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });

  // The library calls its logger once an answer is written out.
  m_http.set_logger([this](const httplib::Request&, const httplib::Response&) {
    end_answer();
  });

  // Answers the library produces itself (a bad request line, a body over
  // the limit) still get a JSON body.
  m_http.set_error_handler(
      [](const httplib::Request&, httplib::Response& response) {
        if (response.body.empty()) {
          const std::string code = "HTTP_" + std::to_string(response.status);
          response.set_content(error_body("Request failed", code), k_json);
        }
      });
  m_http.set_exception_handler([](const httplib::Request&,
                                  httplib::Response& response,
                                  const std::exception_ptr&) {
    send(response, 500, server_error_body(500));
  });
}

std::optional<std::string> Server::bind(const std::string& host, int port)
{
  const bool bound = port == 0 ? (m_port = m_http.bind_to_any_port(host)) > 0
                               : m_http.bind_to_port(host, port);
  if (!bound) {
    return "cannot listen on " + host + ":" + std::to_string(port) + ": " +
           std::strerror(errno);
  }
  if (port != 0) {
    m_port = port;
  }
  if (!m_http.widen_backlog()) {
    return std::string("cannot listen: ") + std::strerror(errno);
  }
  return std::nullopt;
}

bool Server::run()
{
  return m_http.listen_after_bind();
}

void Server::stop()
{
  m_http.stop();
}

void Server::drain(std::chrono::milliseconds limit) const
{
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (m_answering > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void Server::begin_answer()
{
  if (!t_answering) {
    t_answering = true;
    ++m_answering;
  }
}

// Requests the library refuses before routing reach the logger without a
// begin_answer; the flag keeps them from being counted down.
void Server::end_answer()
{
  if (t_answering) {
    t_answering = false;
    --m_answering;
  }
}

void Server::handle(const httplib::Request& request,
                    httplib::Response& response)
{
  Exchange exchange{request, response};
  std::this_thread::sleep_for(m_faults.next_delay());

  if (!authorized(request)) {
    response.set_header("WWW-Authenticate", "Bearer");
    send(response, 401, unauthorized_body());
  } else {
    const Fault fault = m_faults.next_fault(std::chrono::steady_clock::now());
    switch (fault.kind) {
    case FaultKind::rate_limited:
      response.set_header("Retry-After",
                          std::to_string(fault.retry_after.count()));
      send(response, 429, rate_limited_body());
      break;
    case FaultKind::dropped:
      drop(response);
      exchange.dropped = true;
      break;
    case FaultKind::server_error:
      send(response, fault.status, server_error_body(fault.status));
      break;
    case FaultKind::none:
      route(exchange);
      break;
    }
  }

  if (m_config.log_requests) {
    log(exchange);
  }
}

bool Server::authorized(const httplib::Request& request) const
{
  const std::string header = request.get_header_value("Authorization");
  const std::string_view value = header;
  return value.size() > k_bearer.size() &&
         equals_ignoring_case(value.substr(0, k_bearer.size()), k_bearer) &&
         value.substr(k_bearer.size()) == m_config.token;
}

void Server::route(Exchange& exchange)
{
  const std::string& method = exchange.request.method;
  const std::string_view path = exchange.request.path;

  if (path == k_collection) {
    if (is_read(method)) {
      list_flows(exchange);
    } else {
      method_not_allowed(exchange.response, "GET");
    }
    return;
  }

  const bool is_item = path.size() > k_item_prefix.size() &&
                       path.substr(0, k_item_prefix.size()) == k_item_prefix &&
                       path.find('/', k_item_prefix.size()) == path.npos;
  if (!is_item) {
    send(exchange.response, 404, error_body("Not found", "ROUTE_NOT_FOUND"));
    return;
  }

  const std::string id(path.substr(k_item_prefix.size()));
  if (is_read(method)) {
    get_flow(exchange, id);
  } else if (method == "PUT") {
    put_flow(exchange, id);
  } else {
    method_not_allowed(exchange.response, "GET, PUT");
  }
}

void Server::list_flows(Exchange& exchange)
{
  const auto query = read_list_query(exchange.request);
  if (!query) {
    send(exchange.response, 400,
         error_body("Invalid query parameter", "INVALID_PARAMETER"));
    return;
  }
  send(exchange.response, 200, list_body(m_store.list(*query), *query));
}

void Server::get_flow(Exchange& exchange, const std::string& id)
{
  const auto flow = m_store.find(id);
  if (!flow) {
    send(exchange.response, 404, flow_not_found_body());
    return;
  }
  send(exchange.response, 200, flow_body(*flow));
}

void Server::put_flow(Exchange& exchange, const std::string& id)
{
  const auto current = m_store.find(id);
  if (!current) {
    send(exchange.response, 404, flow_not_found_body());
    return;
  }
  const PatchResult parsed = parse_flow_patch(exchange.request.body);
  if (!parsed.problem.empty()) {
    send(exchange.response, 400, invalid_configuration_body());
    return;
  }
  if (m_config.ignore_puts) {
    send(exchange.response, 200, flow_body(*current));
    return;
  }

  const UpdateResult update = m_store.update(id, parsed.patch);
  if (update.status == UpdateStatus::not_found) {
    send(exchange.response, 404, flow_not_found_body());
    return;
  }
  save(exchange, update);
}

void Server::save(Exchange& exchange, const UpdateResult& update)
{
  if (m_persistence != nullptr) {
    // On failure the change stays in memory and the next save that works
    // writes it; the client is told it may not have been kept.
    if (auto error = m_persistence->save_through(update.generation)) {
      log_error("cannot save state: " + *error);
      send(exchange.response, 500, server_error_body(500));
      return;
    }
  }
  send(exchange.response, 200, flow_body(update.flow));
}

void Server::log(const Exchange& exchange)
{
  const auto& request = exchange.request;
  std::string text = request.method + " " + request.target + " " +
                     std::to_string(exchange.response.status);
  if (exchange.dropped) {
    text += " dropped";
  }
  text += "\n";
  if (request.method == "PUT") {
    text += one_line(request.body) + "\n";
  }

  std::lock_guard lock(m_log_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

void Server::log_error(const std::string& message)
{
  const std::string text = "verifik-sandbox: error: " + message + "\n";
  std::lock_guard lock(m_log_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

} // namespace flowctl::sandbox
