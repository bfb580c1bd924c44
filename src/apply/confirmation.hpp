#pragma once

#include <atomic>
#include <cstddef>
#include <string>

namespace flowctl::apply {

enum class Answer { yes, no, interrupted };

// "Apply these changes to 3 flows? Only 'yes' is accepted: "
std::string confirmation_prompt(std::size_t flows);

// Writes the prompt to `out_fd` and reads one line from `in_fd`. Only the
// exact word yes approves; anything else, or end of input, declines. A
// signal that sets `stop` while waiting gives Answer::interrupted.
Answer ask_confirmation(std::size_t flows, int in_fd, int out_fd,
                        const std::atomic<bool>& stop);

} // namespace flowctl::apply
