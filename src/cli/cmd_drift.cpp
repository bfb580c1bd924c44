#include "cli/command_error.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/logging.hpp"
#include "cli/planning.hpp"
#include "plan/drift.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <set>

namespace flowctl::cli {

namespace {

// Lists the project's live flows into the report's unmanaged ones: those no
// file declares. Only the flows of this shard are reported, so the shards of
// a matrix never report one twice. Returns an error message, or "".
std::string find_unmanaged(const Context& context, live::VerifikClient& client,
                           const std::set<std::string>& declared,
                           plan::DriftReport& report)
{
  live::ListFilter filter;
  filter.project = context.config.settings.project;
  auto listed = client.list_flows(filter);
  if (listed.error) {
    return "cannot list the flows of project " + filter.project + ": " +
           listed.error->describe();
  }

  for (const auto& flow : listed.flows) {
    auto id = flow.value("_id", std::string());
    if (id.empty() || declared.count(id) > 0 ||
        !plan::in_shard(id, context.shard)) {
      continue;
    }
    report.unmanaged.push_back({id, flow.value("name", std::string()),
                                flow.value("status", std::string())});
  }
  report.listed = true;
  return "";
}

std::string render_drift(const plan::DriftReport& report,
                         const std::string& format, bool color)
{
  if (format == "json") {
    return plan::drift_document_text(report);
  }
  if (format == "markdown") {
    return plan::render_drift_markdown(report);
  }
  return plan::render_drift_text(report, color);
}

} // namespace

int run_drift(const GlobalOptions& global, const DriftArgs& args)
{
  auto context = load_context(global);
  const auto format = output_format(context, args.format);

  // Every declared id counts when looking for strays, whatever the
  // --target and --shard selection.
  auto everything = context;
  everything.global.targets.clear();
  everything.shard = {};
  auto all_flows = load_desired(everything, args.paths);
  std::set<std::string> declared;
  for (const auto& flow : all_flows) {
    declared.insert(flow.id);
  }
  std::vector<std::string> unknown;
  auto flows = plan::select_flows(std::move(all_flows), global.targets,
                                  context.shard, unknown);
  if (!unknown.empty()) {
    throw CommandError("--target " + unknown.front() +
                       " names no flow in the files");
  }

  auto client = make_client(context);
  plan::DriftReport report;
  report.plan =
      make_plan(context, std::move(flows), *client,
                format == "json" ? plan::Keep::state : plan::Keep::changes);
  report.project = context.config.settings.project;
  // A failed listing still leaves the comparison of the declared flows
  // worth printing; the run fails after it.
  if (!report.project.empty() && global.targets.empty()) {
    report.list_error = find_unmanaged(context, *client, declared, report);
  } else if (report.project.empty()) {
    spdlog::info("no project in the settings: live flows that no file "
                 "declares are not looked for");
  }

  auto rendered = render_drift(report, format, context.color);
  std::fwrite(rendered.data(), 1, rendered.size(), stdout);
  std::fflush(stdout);
  write_step_summary(context,
                     [&] { return plan::render_drift_markdown(report); });

  if (!report.list_error.empty()) {
    print_error(report.list_error);
    return k_exit_error;
  }
  if (plan::count_drift(report).errors > 0) {
    return k_exit_error;
  }
  return plan::has_drift(report) ? k_exit_changes : k_exit_ok;
}

} // namespace flowctl::cli
