#include "cli/logging.hpp"

#include "plan/render_common.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <mutex>

namespace flowctl::cli {

namespace {

// One JSON object per line, built with a JSON library so a message holding
// quotes or newlines still gives valid JSON.
class JsonSink : public spdlog::sinks::base_sink<std::mutex> {
protected:
  void sink_it_(const spdlog::details::log_msg& msg) override
  {
    auto since_epoch = msg.time.time_since_epoch();
    auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch);
    nlohmann::json line{
        {"time_ms", millis.count()},
        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                              spdlog::level::to_string_view(msg.level).size())},
        {"message", std::string(msg.payload.data(), msg.payload.size())}};
    auto text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
        "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
  }

  void flush_() override { std::fflush(stderr); }
};

} // namespace

std::string setup_logging(const std::string& level, const std::string& format)
{
  auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    return "unknown log level '" + level +
           "' (use trace, debug, info, warn, error or off)";
  }

  std::shared_ptr<spdlog::logger> logger;
  if (format == "json") {
    logger = std::make_shared<spdlog::logger>("flowctl",
                                              std::make_shared<JsonSink>());
  } else if (format == "text") {
    logger = std::make_shared<spdlog::logger>(
        "flowctl", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    if (parsed <= spdlog::level::debug) {
      logger->set_pattern("%H:%M:%S.%e flowctl: %l: %v");
    } else {
      logger->set_pattern("flowctl: %v");
    }
  } else {
    return "unknown log format '" + format + "' (use text or json)";
  }
  logger->set_level(parsed);
  spdlog::set_default_logger(logger);
  return "";
}

void print_error(const std::string& message)
{
  // Messages quote files and servers; a control character in them must not
  // reach the terminal.
  std::fprintf(stderr, "flowctl: error: %s\n",
               plan::printable(message).c_str());
}

} // namespace flowctl::cli
