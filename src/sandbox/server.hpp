#pragma once

#include "sandbox/faults.hpp"
#include "sandbox/flow_store.hpp"
#include "sandbox/persistence.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

namespace flowctl::sandbox {

struct ServerConfig {
  std::string token;
  FaultSettings faults;
  // PUT validates and answers 200 with the flow left exactly as it was.
  bool ignore_puts = false;
  // One stderr line per request, plus the body of every PUT.
  bool log_requests = false;
};

// The library's server with a listen backlog fit for bursts of new
// connections: its own backlog of 5 drops the SYNs of a burst, and each
// dropped one costs its client a second.
class HttpServer : public httplib::Server {
public:
  bool widen_backlog();
};

// The HTTP face of the sandbox: authentication, faults, routing of the
// project-flow endpoints, and the request log.
class Server {
public:
  // persistence may be null: state then lives in memory only.
  Server(ServerConfig config, FlowStore& store, Persistence* persistence);

  // Binds and starts listening; port 0 picks a free port. Returns an error
  // message on failure.
  std::optional<std::string> bind(const std::string& host, int port);
  int port() const { return m_port; }

  // Serves until stop() is called; false if it could not serve at all.
  bool run();
  void stop();

  // Waits, at most limit, until no request is being answered: every answer
  // begun has been written out. Idle kept-alive connections do not count.
  void drain(std::chrono::milliseconds limit) const;

private:
  struct Exchange;

  void handle(const httplib::Request& request, httplib::Response& response);
  void route(Exchange& exchange);
  void list_flows(Exchange& exchange);
  void get_flow(Exchange& exchange, const std::string& id);
  void put_flow(Exchange& exchange, const std::string& id);
  void save(Exchange& exchange, const UpdateResult& update);

  void begin_answer();
  void end_answer();
  bool authorized(const httplib::Request& request) const;
  void log(const Exchange& exchange);
  void log_error(const std::string& message);

  ServerConfig m_config;
  FlowStore& m_store;
  Persistence* m_persistence;
  FaultInjector m_faults;
  HttpServer m_http;
  std::mutex m_log_mutex;
  std::atomic<int> m_answering{0};
  int m_port = 0;
};

} // namespace flowctl::sandbox
