#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace flowctl::live {

// The wait before the next attempt after `attempt` failed ones (1 after the
// first failure). Full jitter: a uniform share, given by `random01` in
// [0, 1), of min(cap, base * 2^(attempt - 1)). Spreading retries over the
// whole window keeps parallel clients from retrying in lockstep.
std::chrono::milliseconds backoff_delay(int attempt,
                                        std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap,
                                        double random01);

// Reads a Retry-After header value: delta-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT"). A date in the past means no wait.
// Anything unreadable gives nullopt, so the caller falls back to backoff.
std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value,
                  std::chrono::system_clock::time_point now);

} // namespace flowctl::live
