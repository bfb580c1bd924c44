#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowctl::sandbox {

using SystemTime = std::chrono::system_clock::time_point;

// "2024-01-15T10:35:00.123Z": ISO-8601 in UTC with milliseconds.
std::string iso8601_utc(std::int64_t epoch_ms);

// Milliseconds since the epoch of an ISO-8601 UTC stamp such as
// "2024-01-15T10:30:00Z" or "2024-01-15T10:30:00.5Z"; nullopt otherwise.
std::optional<std::int64_t> parse_iso8601_utc(std::string_view text);

// The vendor's signature style, "April 11, 2023 12:25 PM", in UTC.
std::string signature_time(SystemTime when);

// Hands out updatedAt stamps that strictly increase, even when several
// updates land in the same millisecond or the wall clock steps back.
// Not thread-safe: the flow store calls it under its own lock.
class UpdateClock {
public:
  // Makes every later stamp newer than this one.
  void observe(std::string_view stamp);
  std::string next();

private:
  std::int64_t m_last_ms = 0;
};

} // namespace flowctl::sandbox
