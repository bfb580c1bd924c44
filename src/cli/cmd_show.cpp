#include "cli/command_error.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/planning.hpp"
#include "plan/plan_file.hpp"

namespace flowctl::cli {

int run_show(const GlobalOptions& global, const ShowArgs& args)
{
  auto context = load_context(global);
  auto loaded = plan::load_plan(args.plan);
  if (!loaded.error.empty()) {
    throw CommandError(loaded.error);
  }
  print_plan(loaded.plan, args.format, context.color);
  return k_exit_ok;
}

} // namespace flowctl::cli
