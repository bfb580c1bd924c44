#include "sandbox/options.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <random>

namespace flowctl::sandbox {

namespace {

void add_server_options(CLI::App& app, Options& options)
{
  app.add_option("--host", options.host, "Address to listen on")
      ->capture_default_str();
  app.add_option("--port", options.port, "Port to listen on; 0 picks one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--token", options.token, "Bearer token every request needs")
      ->check([](const std::string& token) {
        return token.empty() ? "the token must not be empty" : "";
      });
  app.add_option("--seed", options.seed_path,
                 "JSON array of flows to start from");
  app.add_option("--state", options.state_path,
                 "File the flows persist to; read at start if it exists");
  app.add_flag("--ignore-puts", options.ignore_puts,
               "Answer PUT with 200 and leave the flow unchanged");
  app.add_flag("--log-requests", options.log_requests,
               "Log each request, and each PUT body, on stderr");
}

// Bounds that keep every value meaningful: an hour of delay, and a rate
// limit no test or benchmark comes near.
constexpr int k_max_delay_ms = 3'600'000;
constexpr int k_max_requests_per_minute = 100'000'000;

void add_fault_options(CLI::App& app, FaultSettings& faults)
{
  app.add_option("--latency-ms", faults.latency_ms, "Delay of each answer")
      ->check(CLI::Range(0, k_max_delay_ms));
  app.add_option("--jitter-ms", faults.jitter_ms,
                 "Uniform +/- variation of the delay")
      ->check(CLI::Range(0, k_max_delay_ms));
  app.add_option("--error-rate", faults.error_rate,
                 "Share of requests answered with 500, 502 or 503")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--drop-rate", faults.drop_rate,
                 "Share of requests whose connection breaks mid-answer")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--requests-per-minute", faults.requests_per_minute,
                 "Answer 429 past this many requests a minute; 0: no limit")
      ->check(CLI::Range(0, k_max_requests_per_minute));
  app.add_option("--fault-seed", faults.seed,
                 "Seed of the random fault choices (default: random)");
}

// The choices the vendor's documentation leaves open, stated where users
// of the sandbox look first.
constexpr const char* k_behaviour = R"(Behaviour:
  Every request needs "Authorization: Bearer TOKEN" (the scheme in any
  case); otherwise 401 {"error":"Unauthorized","message":"INVALID_TOKEN"}.
  GET /v2/project-flows: page counts from 1, limit is 20 by default and a
  limit over 100 is clamped to 100; flows come in _id order.
  PUT replaces each field it names whole (no deep merge), refuses any other
  field with 400 INVALID_CONFIGURATION, moves version only when a value
  changed and updatedAt on every PUT; {} is a valid no-op.
  Each request meets, in order: latency, the token check, the rate limit,
  a drop, a 5xx. A faulted request changes nothing.
  --state is written at start and after each change, atomically.)";

} // namespace

std::optional<int> parse_options(int argc, char** argv, Options& options)
{
  CLI::App app("verifik-sandbox: a local emulator of the Verifik "
               "project-flows API",
               "verifik-sandbox");
  app.footer(k_behaviour);
  add_server_options(app, options);
  add_fault_options(app, options.faults);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "verifik-sandbox: error: " << e.what() << "\n";
    return 1;
  }

  if (app.count("--fault-seed") == 0) {
    options.faults.seed = std::random_device{}();
  }
  return std::nullopt;
}

} // namespace flowctl::sandbox
