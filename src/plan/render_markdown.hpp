#pragma once

#include "plan/plan.hpp"

#include <cstddef>
#include <string>

namespace flowctl::plan {

// The first line of every rendering, so a workflow can find the comment it
// posted before and edit it instead of adding another.
inline constexpr const char* k_markdown_marker = "<!-- flowctl-plan -->";

struct MarkdownOptions {
  // Hard cap on the result in bytes of UTF-8; GitHub refuses comments over
  // 65,536 characters.
  std::size_t max_chars = 65000;
  // Said, as written (it may hold a link), when flows had to be left out.
  std::string full_plan_hint =
      "The full plan is in the workflow run's plan artifact.";
  std::string title = "flowctl plan";
  // When set, replaces the "**Plan:** ..." line and the "No changes." note
  // under the title, as written: a drift report counts differently.
  std::string summary;
};

// The plan as a pull-request comment: the summary, then failed flows, then
// one collapsible section per flow that changes. Every piece of text from a
// file or a server is escaped so it cannot close or open markup. Never longer
// than options.max_chars: whole flow sections are left out, and counted in a
// closing note, until the rest fits.
std::string render_markdown(const Plan& plan, const MarkdownOptions& options);

} // namespace flowctl::plan
