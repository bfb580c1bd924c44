#pragma once

#include "cli/context.hpp"
#include "plan/plan.hpp"
#include "plan/plan_builder.hpp"

#include <functional>
#include <string>

namespace flowctl::cli {

// Fetches the live flows and plans every desired flow, with a progress line
// on a terminal when there are many. With Keep::state the plan takes the
// flows' fields.
plan::Plan make_plan(const Context& context,
                     std::vector<desired::DesiredFlow> flows,
                     live::VerifikClient& client, plan::Keep keep);

// Prints a plan to stdout as text, json or markdown; JSON goes out one flow
// at a time, never held whole. Throws CommandError for any other format.
void print_plan(const plan::Plan& plan, const std::string& format, bool color);

// With the context's GitHub output on, appends what `render` makes to the
// file $GITHUB_STEP_SUMMARY names, when it names one; otherwise nothing is
// rendered.
void write_step_summary(const Context& context,
                        const std::function<std::string()>& render);

// The exit code a finished plan or drift run reports.
int plan_exit_code(const plan::Plan& plan, bool changes_are_exit_2);

std::string utc_now_iso8601();

} // namespace flowctl::cli
