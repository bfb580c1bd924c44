#include "cli/command_error.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/logging.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <functional>

namespace {

using namespace flowctl::cli;

void add_global_options(CLI::App& app, GlobalOptions& global)
{
  app.add_option("--config", global.config,
                 "Settings file (default: ./flowctl.yaml if present)");
  app.add_option("--env", global.environment,
                 "Environment from flowctl.yaml to use");
  app.add_option("--api-url", global.api_url, "Verifik API base URL");
  app.add_option("--token-env", global.token_env,
                 "Variable that holds the API token (default VERIFIK_TOKEN)");
  app.add_option("--parallelism", global.parallelism,
                 "Requests in flight at once");
  app.add_option("--target", global.targets, "Only this flow id (repeatable)");
  app.add_option("--shard", global.shard,
                 "Only shard i of n of the flows, as i/n");
  app.add_option("--log-level", global.log_level,
                 "trace, debug, info, warn, error or off")
      ->capture_default_str();
  app.add_option("--log-format", global.log_format, "text or json")
      ->capture_default_str();
  app.add_flag("--no-color", global.no_color, "Never colour the output");
}

// `github` is text on stdout, annotations for diagnostics and the report in
// the job summary, as in GitHub Actions.
CLI::Option* add_format(CLI::App& command, std::string& format,
                        const std::vector<std::string>& formats)
{
  std::string help;
  for (const auto& name : formats) {
    help += (help.empty() ? "" : ", ") + name;
  }
  return command.add_option("--format", format, help)
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
}

const std::vector<std::string> k_report_formats{"text", "json", "markdown",
                                                "github"};

struct Commands {
  ValidateArgs validate;
  PlanArgs plan;
  ShowArgs show;
  ApplyArgs apply;
  DriftArgs drift;
  ExportArgs export_args;
};

void add_commands(CLI::App& app, Commands& args)
{
  auto* validate = app.add_subcommand(
      "validate", "Check flow files offline: schema and rules");
  validate->add_option("paths", args.validate.paths, "Flow files or folders");
  add_format(*validate, args.validate.format, {"text", "github"});

  auto* plan = app.add_subcommand("plan", "Show what apply would change");
  plan->add_option("paths", args.plan.paths, "Flow files or folders");
  plan->add_option("--out", args.plan.out, "Save the plan to this file");
  add_format(*plan, args.plan.format, k_report_formats);
  plan->add_flag("--detailed-exitcode", args.plan.detailed_exitcode,
                 "Exit 2 when there are changes");

  auto* apply = app.add_subcommand(
      "apply", "Apply a saved plan, or plan and apply the flow files");
  apply->add_option("paths", args.apply.paths, "A saved plan, or flow files");
  apply->add_flag("--auto-approve", args.apply.auto_approve,
                  "Apply without asking");
  apply->add_option("--audit-log", args.apply.audit_log,
                    "Append one JSON line per flow to this file");

  auto* drift = app.add_subcommand(
      "drift", "Report live flows that differ from the files (exit 2)");
  drift->add_option("paths", args.drift.paths, "Flow files or folders");
  add_format(*drift, args.drift.format, k_report_formats);

  auto* export_command = app.add_subcommand(
      "export", "Write live flows as YAML files, to adopt an account");
  export_command->add_option("--out", args.export_args.out, "Folder to write")
      ->required();
  export_command->add_option("--id", args.export_args.ids,
                             "Only this flow id (repeatable)");
  export_command->add_flag("--force", args.export_args.force,
                           "Replace flow files that already exist");

  auto* show = app.add_subcommand("show", "Render a saved plan");
  show->add_option("plan", args.show.plan, "The plan file")->required();
  add_format(*show, args.show.format, {"text", "json", "markdown"});
}

int dispatch(const CLI::App& app, const GlobalOptions& global,
             const Commands& args)
{
  if (app.got_subcommand("validate")) {
    return run_validate(global, args.validate);
  }
  if (app.got_subcommand("plan")) {
    return run_plan(global, args.plan);
  }
  if (app.got_subcommand("apply")) {
    return run_apply(global, args.apply);
  }
  if (app.got_subcommand("drift")) {
    return run_drift(global, args.drift);
  }
  if (app.got_subcommand("export")) {
    return run_export(global, args.export_args);
  }
  return run_show(global, args.show);
}

} // namespace

int main(int argc, char** argv)
{
  CLI::App app{"flowctl keeps Verifik project flows in git.", "flowctl"};
  app.set_version_flag("--version",
                       std::string("flowctl ") + flowctl::k_version);
  app.require_subcommand(1);
  // Global options are accepted after the command name too.
  app.fallthrough();

  GlobalOptions global;
  Commands args;
  add_global_options(app, global);
  add_commands(app, args);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    print_error(std::string(error.what()) + " (see flowctl --help)");
    return k_exit_error;
  }

  auto problem = setup_logging(global.log_level, global.log_format);
  if (!problem.empty()) {
    print_error(problem);
    return k_exit_error;
  }

  try {
    return dispatch(app, global, args);
  } catch (const CommandError& error) {
    print_error(error.what());
  } catch (const std::exception& error) {
    print_error(std::string("unexpected failure: ") + error.what());
  }
  return k_exit_error;
}
