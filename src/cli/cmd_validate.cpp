#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/exit_codes.hpp"

#include <cstdio>
#include <set>

namespace flowctl::cli {

int run_validate(const GlobalOptions& global, const ValidateArgs& args)
{
  auto context = load_context(global);
  output_format(context, args.format);
  // Validation runs where the secrets are not, such as a pull request
  // from a fork: a value from the environment is needed only to plan.
  auto result = load_desired_all(context, args.paths, true);
  report_notes(result.notes, context.github);
  if (!result.errors.empty()) {
    report_diagnostics(result.errors, context.github);
    std::printf("%zu error(s) found.\n", result.errors.size());
    return k_exit_error;
  }

  std::set<std::string> files;
  for (const auto& flow : result.flows) {
    files.insert(flow.file);
  }
  std::printf("%zu flow(s) in %zu file(s) are valid.\n", result.flows.size(),
              files.size());
  return k_exit_ok;
}

} // namespace flowctl::cli
