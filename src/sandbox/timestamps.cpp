#include "sandbox/timestamps.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

namespace flowctl::sandbox {

namespace {

constexpr std::array<const char*, 12> k_month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::tm utc_fields(std::time_t seconds)
{
  std::tm fields{};
  gmtime_r(&seconds, &fields);
  return fields;
}

std::int64_t now_ms()
{
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
      .count();
}

// Reads the fraction after the seconds, as milliseconds; "" counts as 0.
std::optional<int> parse_fraction(std::string_view digits)
{
  int ms = 0;
  int scale = 100;
  for (char c : digits) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    ms += (c - '0') * scale;
    scale /= 10;
  }
  return ms;
}

} // namespace

std::string iso8601_utc(std::int64_t epoch_ms)
{
  const std::tm fields = utc_fields(static_cast<std::time_t>(epoch_ms / 1000));
  std::array<char, 96> text{};
  std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                fields.tm_year + 1900, fields.tm_mon + 1, fields.tm_mday,
                fields.tm_hour, fields.tm_min, fields.tm_sec,
                static_cast<int>(epoch_ms % 1000));
  return text.data();
}

std::optional<std::int64_t> parse_iso8601_utc(std::string_view text)
{
  if (text.size() < 20 || text.back() != 'Z') {
    return std::nullopt;
  }
  const std::string head(text.substr(0, 19));
  std::tm fields{};
  int consumed = 0;
  const int matched =
      std::sscanf(head.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &fields.tm_year,
                  &fields.tm_mon, &fields.tm_mday, &fields.tm_hour,
                  &fields.tm_min, &fields.tm_sec, &consumed);
  if (matched != 6 || consumed != 19) {
    return std::nullopt;
  }

  std::string_view rest = text.substr(19, text.size() - 20);
  if (!rest.empty() && rest.front() != '.') {
    return std::nullopt;
  }
  const auto ms = parse_fraction(rest.empty() ? rest : rest.substr(1));
  if (!ms) {
    return std::nullopt;
  }

  fields.tm_year -= 1900;
  fields.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&fields)) * 1000 + *ms;
}

std::string signature_time(SystemTime when)
{
  const std::tm fields = utc_fields(std::chrono::system_clock::to_time_t(when));
  const int hour12 = fields.tm_hour % 12 == 0 ? 12 : fields.tm_hour % 12;
  std::array<char, 96> text{};
  std::snprintf(text.data(), text.size(), "%s %d, %d %d:%02d %s",
                k_month_names.at(static_cast<std::size_t>(fields.tm_mon)),
                fields.tm_mday, fields.tm_year + 1900, hour12, fields.tm_min,
                fields.tm_hour < 12 ? "AM" : "PM");
  return text.data();
}

void UpdateClock::observe(std::string_view stamp)
{
  if (const auto ms = parse_iso8601_utc(stamp)) {
    m_last_ms = std::max(m_last_ms, *ms);
  }
}

std::string UpdateClock::next()
{
  m_last_ms = std::max(now_ms(), m_last_ms + 1);
  return iso8601_utc(m_last_ms);
}

} // namespace flowctl::sandbox
