#pragma once

#include "plan/plan.hpp"

#include <string>
#include <vector>

namespace flowctl::apply {

// Shown in place of a secret found in text from elsewhere.
inline constexpr const char* k_scrubbed_text = "(sensitive)";

// The string values of a flow that its sensitive patterns cover, in its
// desired fields and its PUT body. Strings shorter than a few characters
// are left out: hiding every "1" or "on" in a message would garble it and
// protect nothing.
std::vector<std::string> secret_strings(const plan::FlowPlan& flow);

// `text` with every secret of the flow replaced by k_scrubbed_text.
std::string scrub_secrets(std::string text, const plan::FlowPlan& flow);

} // namespace flowctl::apply
