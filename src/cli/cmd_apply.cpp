#include "apply/audit_log.hpp"
#include "apply/confirmation.hpp"
#include "apply/executor.hpp"
#include "apply/interrupt_guard.hpp"
#include "apply/staleness.hpp"
#include "apply/summary.hpp"
#include "cli/command_error.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/logging.hpp"
#include "cli/planning.hpp"
#include "plan/digest_key.hpp"
#include "plan/plan_file.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

namespace flowctl::cli {

namespace {

// What every way into apply shares once the flows to send are settled.
struct ApplyRun {
  Context context;
  apply::InterruptGuard interrupt;
  apply::AuditLog audit;
  std::unique_ptr<live::VerifikClient> client;
  bool audit_failed = false;
};

void print_stdout(const std::string& text)
{
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

// A full disk must not stop an apply half way; the trouble is told once.
void record(ApplyRun& run, const apply::FlowOutcome& outcome)
{
  auto problem = run.audit.append(outcome);
  if (!problem.empty() && !run.audit_failed) {
    run.audit_failed = true;
    spdlog::warn("{}", problem);
  }
}

int finish(ApplyRun& run, const std::vector<apply::FlowOutcome>& outcomes)
{
  print_stdout(apply::render_summary(outcomes));
  if (run.interrupt.requested()) {
    return k_exit_interrupted;
  }
  return apply::count_outcomes(outcomes).failed > 0 ? k_exit_error : k_exit_ok;
}

// Nothing was sent: every update is reported as cancelled.
int finish_cancelled(ApplyRun& run, const plan::Plan& plan)
{
  auto outcomes = apply::cancel_plan(plan);
  for (const auto& outcome : outcomes) {
    record(run, outcome);
  }
  return finish(run, outcomes);
}

int execute(ApplyRun& run, const plan::Plan& plan)
{
  if (run.interrupt.requested()) {
    return finish_cancelled(run, plan);
  }
  auto outcomes = apply::execute_plan(
      plan, *run.client,
      [&run](const apply::FlowOutcome& outcome) { record(run, outcome); });
  return finish(run, outcomes);
}

// Asks on the terminal, or refuses when there is none to ask on.
std::optional<int> confirm(ApplyRun& run, std::size_t updates)
{
  if (isatty(STDIN_FILENO) == 0) {
    throw CommandError("refusing to apply without confirmation: run in a "
                       "terminal, pass --auto-approve, or apply a saved plan");
  }
  auto answer = apply::ask_confirmation(updates, STDIN_FILENO, STDERR_FILENO,
                                        run.interrupt.flag());
  if (answer == apply::Answer::yes) {
    return std::nullopt;
  }
  print_stdout("Apply cancelled.\n");
  return answer == apply::Answer::interrupted ? k_exit_interrupted
                                              : k_exit_error;
}

int apply_files(ApplyRun& run, const ApplyArgs& args)
{
  auto flows = load_desired(run.context, args.paths);
  auto plan =
      make_plan(run.context, std::move(flows), *run.client, plan::Keep::state);
  if (run.interrupt.requested()) {
    return finish_cancelled(run, plan);
  }
  print_plan(plan, "text", run.context.color);

  auto summary = plan::summarize(plan);
  if (summary.update == 0) {
    for (const auto& flow : plan.flows) {
      record(run, apply::unsent_outcome(flow, false));
    }
    if (summary.failed > 0) {
      print_stdout("Nothing to apply: " + std::to_string(summary.failed) +
                   " flow(s) could not be planned.\n");
      return k_exit_error;
    }
    print_stdout("No changes. Nothing to apply.\n");
    return k_exit_ok;
  }
  if (!args.auto_approve) {
    if (auto declined = confirm(run, summary.update)) {
      return *declined;
    }
  }
  print_stdout("\n");
  return execute(run, plan);
}

std::vector<desired::DesiredFlow> reload_flows(const Context& context,
                                               const plan::Plan& plan)
{
  // A file that is gone declares nothing: its flows are reported stale
  // rather than failing the whole reading.
  std::set<std::string> files;
  for (const auto& flow : plan.flows) {
    std::error_code error;
    if (std::filesystem::exists(flow.file, error)) {
      files.insert(flow.file);
    }
  }
  if (files.empty()) {
    return {};
  }
  desired::LoadOptions options;
  options.vars = context.config.settings.vars;
  options.list_keys = context.config.settings.list_keys;
  auto loaded = desired::load_flows({files.begin(), files.end()}, options);
  if (!loaded.errors.empty()) {
    report_diagnostics(loaded.errors, context.github);
    throw CommandError("cannot recheck the plan: its flow files have errors");
  }
  return std::move(loaded.flows);
}

int apply_saved(ApplyRun& run, const std::string& path)
{
  auto loaded = plan::load_plan(path);
  if (!loaded.error.empty()) {
    throw CommandError(loaded.error);
  }
  auto& plan = loaded.plan;
  const auto& api_url = run.context.config.settings.api_url;
  if (plan.api_url != api_url) {
    throw CommandError("the plan was made for " + plan.api_url + ", not for " +
                       api_url + "; nothing was sent");
  }
  // Its digests could not be checked: every flow would look moved.
  if (plan.digest_key != plan::digest_key_id()) {
    throw CommandError("the plan was made with another API token; nothing "
                       "was sent: make a new plan");
  }

  auto current = reload_flows(run.context, plan);
  auto live = run.client->get_flows(apply::ids_to_recheck(plan));
  if (run.interrupt.requested()) {
    return finish_cancelled(run, plan);
  }
  auto problems = apply::recheck_plan(plan, current, live);
  if (!problems.empty()) {
    for (const auto& problem : problems) {
      print_error(problem);
    }
    throw CommandError("the plan cannot be applied as reviewed; nothing was "
                       "sent: make a new plan");
  }
  return execute(run, plan);
}

} // namespace

int run_apply(const GlobalOptions& global, const ApplyArgs& args)
{
  ApplyRun run{load_context(global), {}, {}, nullptr, false};
  if (!args.audit_log.empty()) {
    auto problem = run.audit.open(args.audit_log);
    if (!problem.empty()) {
      throw CommandError(problem);
    }
  }
  run.client = make_client(run.context, &run.interrupt.flag());

  if (args.paths.size() == 1 && plan::looks_like_plan(args.paths.front())) {
    return apply_saved(run, args.paths.front());
  }
  return apply_files(run, args);
}

} // namespace flowctl::cli
