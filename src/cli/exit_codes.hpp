#pragma once

namespace flowctl::cli {

// The exit codes a user can script against; DESIGN and the README list them.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_error = 1;
inline constexpr int k_exit_changes = 2;
inline constexpr int k_exit_interrupted = 130;

} // namespace flowctl::cli
