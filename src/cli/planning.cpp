#include "cli/planning.hpp"

#include "cli/command_error.hpp"
#include "cli/exit_codes.hpp"
#include "plan/plan_builder.hpp"
#include "plan/plan_document.hpp"
#include "plan/render_markdown.hpp"
#include "plan/render_text.hpp"
#include "version.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>

namespace flowctl::cli {

namespace {

// Below this many flows a plan is quick enough that progress is noise.
constexpr std::size_t k_progress_threshold = 50;

plan::Progress progress_printer(std::size_t total)
{
  if (total < k_progress_threshold || !stderr_is_tty()) {
    return {};
  }
  return [](std::size_t done, std::size_t all) {
    std::fprintf(stderr, "\rflowctl: fetched %zu/%zu flows", done, all);
    if (done == all) {
      std::fputc('\n', stderr);
    }
  };
}

} // namespace

std::string utc_now_iso8601()
{
  auto now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

plan::Plan make_plan(const Context& context,
                     std::vector<desired::DesiredFlow> flows,
                     live::VerifikClient& client, plan::Keep keep)
{
  plan::Plan result;
  result.flowctl_version = k_version;
  result.created_at = utc_now_iso8601();
  result.api_url = context.config.settings.api_url;
  result.environment = context.config.environment;
  result.options = context.diff_options;

  auto started = std::chrono::steady_clock::now();
  const auto count = flows.size();
  result.flows =
      plan::plan_flows(std::move(flows), client, context.diff_options,
                       progress_printer(count), keep);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  spdlog::debug("planned {} flows in {} ms", count, elapsed.count());
  return result;
}

void print_plan(const plan::Plan& plan, const std::string& format, bool color)
{
  const auto print = [](std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
  };
  if (format == "text") {
    print(plan::render_text(plan, plan::TextOptions{color}));
  } else if (format == "json") {
    plan::write_document(plan::document_head(plan), plan.flows, print);
  } else if (format == "markdown") {
    print(plan::render_markdown(plan, plan::MarkdownOptions{}));
  } else {
    throw CommandError("unknown format '" + format +
                       "' (use text, json or markdown)");
  }
  std::fflush(stdout);
}

void write_step_summary(const Context& context,
                        const std::function<std::string()>& render)
{
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (!context.github || path == nullptr || *path == '\0') {
    return;
  }
  std::ofstream out(path, std::ios::app);
  out << render() << "\n";
  if (!out) {
    spdlog::warn("could not append to the GitHub step summary {}", path);
  }
}

int plan_exit_code(const plan::Plan& plan, bool changes_are_exit_2)
{
  auto summary = plan::summarize(plan);
  if (summary.failed > 0) {
    return k_exit_error;
  }
  if (summary.update > 0 && changes_are_exit_2) {
    return k_exit_changes;
  }
  return k_exit_ok;
}

} // namespace flowctl::cli
