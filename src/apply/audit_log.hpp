#pragma once

#include "apply/outcome.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace flowctl::apply {

// The audit record of one flow: time, flow, file, outcome, changed_paths,
// live_digest_before, live_digest_after, http_status and, for a failed
// flow, error {code, message}. It names paths, never values.
nlohmann::json audit_record(const FlowOutcome& outcome,
                            const std::string& time);

// "2024-05-01T10:00:00.123Z"
std::string utc_timestamp();

// An append-only file of audit records, one JSON object per line. Each line
// goes out in a single write() on a file opened with O_APPEND, so lines
// from a run that is killed, or from runs that overlap, stay whole.
class AuditLog {
public:
  AuditLog() = default;
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Opens `path` for appending, creating it readable by its owner only.
  // Returns an error message, or "".
  std::string open(const std::string& path);

  bool is_open() const { return m_fd >= 0; }

  // Appends the record of `outcome` stamped with the current time; does
  // nothing when no file is open. Returns an error message, or "".
  std::string append(const FlowOutcome& outcome);

private:
  int m_fd = -1;
  std::string m_path;
};

} // namespace flowctl::apply
