#include "apply/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace flowctl::apply {

namespace {

nlohmann::json optional_text(const std::string& text)
{
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

} // namespace

nlohmann::json audit_record(const FlowOutcome& outcome, const std::string& time)
{
  nlohmann::json record{
      {"time", time},
      {"flow", outcome.id},
      {"file", outcome.file},
      {"outcome", std::string(to_string(outcome.outcome))},
      {"changed_paths", outcome.changed_paths},
      {"live_digest_before", optional_text(outcome.live_digest_before)},
      {"live_digest_after", optional_text(outcome.live_digest_after)},
      {"http_status", outcome.http_status == 0
                          ? nlohmann::json()
                          : nlohmann::json(outcome.http_status)}};
  if (outcome.outcome == Outcome::failed && outcome.error) {
    record["error"] = {{"code", outcome.error->code},
                       {"message", outcome.error->message}};
  }
  return record;
}

std::string utc_timestamp()
{
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                    now.time_since_epoch())
                    .count() %
                1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[40];
  auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
  std::snprintf(text + length, sizeof text - length, ".%03dZ",
                static_cast<int>(millis));
  return text;
}

AuditLog::~AuditLog()
{
  if (m_fd >= 0) {
    close(m_fd);
  }
}

std::string AuditLog::open(const std::string& path)
{
  int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return path + ": cannot open the audit log: " + std::strerror(errno);
  }
  if (m_fd >= 0) {
    close(m_fd);
  }
  m_fd = fd;
  m_path = path;
  return "";
}

std::string AuditLog::append(const FlowOutcome& outcome)
{
  if (m_fd < 0) {
    return "";
  }
  auto line =
      audit_record(outcome, utc_timestamp())
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
      "\n";
  ssize_t written = 0;
  do {
    written = ::write(m_fd, line.data(), line.size());
  } while (written < 0 && errno == EINTR);
  if (written < 0) {
    return m_path + ": cannot write the audit log: " + std::strerror(errno);
  }
  if (static_cast<std::size_t>(written) != line.size()) {
    return m_path + ": the audit log took only part of a line";
  }
  return "";
}

} // namespace flowctl::apply
