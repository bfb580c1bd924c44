#include "cli/command_error.hpp"
#include "cli/commands.hpp"
#include "cli/planning.hpp"
#include "plan/plan_file.hpp"
#include "plan/render_markdown.hpp"

#include <spdlog/spdlog.h>

namespace flowctl::cli {

int run_plan(const GlobalOptions& global, const PlanArgs& args)
{
  auto context = load_context(global);
  const auto format = output_format(context, args.format);
  auto flows = load_desired(context, args.paths);
  auto client = make_client(context);
  // Only a saved or a JSON plan shows each flow's fields and digests.
  const auto keep = format == "json" || !args.out.empty() ? plan::Keep::state
                                                          : plan::Keep::changes;
  auto plan = make_plan(context, std::move(flows), *client, keep);

  print_plan(plan, format, context.color);
  write_step_summary(context, [&] {
    return plan::render_markdown(plan, plan::MarkdownOptions{});
  });

  if (!args.out.empty()) {
    auto problem = plan::save_plan(args.out, plan);
    if (!problem.empty()) {
      throw CommandError(problem);
    }
    spdlog::info("saved the plan to {}", args.out);
  }
  return plan_exit_code(plan, args.detailed_exitcode);
}

} // namespace flowctl::cli
