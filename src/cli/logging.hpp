#pragma once

#include <string>

namespace flowctl::cli {

// Sets up the one logger, on stderr: `flowctl: message` at info, time and
// level added at debug, or one JSON object per line with --log-format json.
// Returns an error message for an unknown level or format.
std::string setup_logging(const std::string& level, const std::string& format);

// Prints `flowctl: error: <message>` on stderr, whatever the log level, with
// control characters shown as \xNN.
void print_error(const std::string& message);

} // namespace flowctl::cli
