#include "live/backoff.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace flowctl::live {

namespace {

std::string_view trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Longer waits than a day are read as a day: the caller caps the wait far
// below it anyway, and the conversion to milliseconds cannot overflow.
constexpr long long k_max_delta_seconds = 24LL * 60 * 60;

// `text` holds digits only.
std::optional<std::chrono::milliseconds>
parse_delta_seconds(std::string_view text)
{
  long long seconds = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, seconds);
  if (ec == std::errc::result_out_of_range) {
    seconds = k_max_delta_seconds;
  } else if (ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return std::chrono::seconds(std::min(seconds, k_max_delta_seconds));
}

std::optional<std::chrono::milliseconds>
parse_http_date(std::string_view text,
                std::chrono::system_clock::time_point now)
{
  // curl_getdate reads the three date formats HTTP allows (IMF-fixdate,
  // RFC 850 and asctime) and needs a terminated string.
  const std::string date(text);
  const time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) {
    return std::nullopt;
  }
  const auto target = std::chrono::system_clock::from_time_t(when);
  if (target <= now) {
    return std::chrono::milliseconds(0);
  }
  return std::chrono::ceil<std::chrono::milliseconds>(target - now);
}

} // namespace

std::chrono::milliseconds backoff_delay(int attempt,
                                        std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap,
                                        double random01)
{
  const auto cap_ms = std::max<long long>(cap.count(), 0);
  auto ceiling = std::min(std::max<long long>(base.count(), 0), cap_ms);

  // Doubling stops at the cap, so a long run of attempts cannot overflow.
  for (int i = 1; i < attempt && ceiling > 0 && ceiling < cap_ms; ++i) {
    ceiling = std::min(ceiling * 2, cap_ms);
  }
  const double share = std::clamp(random01, 0.0, 1.0);
  const auto delay = static_cast<long long>(share * ceiling);
  return std::chrono::milliseconds(std::min(delay, ceiling));
}

std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value,
                  std::chrono::system_clock::time_point now)
{
  const auto text = trim(value);
  if (text.empty()) {
    return std::nullopt;
  }
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    return parse_delta_seconds(text);
  }
  return parse_http_date(text, now);
}

} // namespace flowctl::live
