#include "cli/context.hpp"

#include "cli/command_error.hpp"
#include "cli/logging.hpp"
#include "live/token.hpp"
#include "live/url.hpp"
#include "plan/digest_key.hpp"
#include "plan/render_common.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace flowctl::cli {

namespace {

bool want_color(bool no_color)
{
  const char* no_color_env = std::getenv("NO_COLOR");
  if (no_color || (no_color_env != nullptr && *no_color_env != '\0')) {
    return false;
  }
  return isatty(STDOUT_FILENO) != 0;
}

bool in_github_actions()
{
  const char* value = std::getenv("GITHUB_ACTIONS");
  return value != nullptr && std::string(value) == "true";
}

// GitHub's workflow commands treat ',' ':' '%' and newlines specially in
// properties and '%' and newlines in the message.
std::string escape_annotation(const std::string& text, bool property)
{
  std::string out;
  for (char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    case ':':
      out += property ? "%3A" : ":";
      break;
    case ',':
      out += property ? "%2C" : ",";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// `kind` is the workflow command: error or warning.
void annotate(const char* kind, const desired::Diagnostic& diagnostic)
{
  const auto& mark = diagnostic.mark;
  std::string line =
      std::string("::") + kind + " file=" + escape_annotation(mark.file, true);
  if (mark.line > 0) {
    line += ",line=" + std::to_string(mark.line) +
            ",col=" + std::to_string(mark.column);
  }
  line += "::" + escape_annotation(diagnostic.message, false) + "\n";
  std::fputs(line.c_str(), stdout);
}

} // namespace

Context load_context(const GlobalOptions& global)
{
  auto loaded = desired::load_config(global.config, global.environment);
  if (!loaded.errors.empty()) {
    report_diagnostics(loaded.errors, in_github_actions());
    throw CommandError("invalid configuration");
  }

  Context context;
  context.global = global;
  context.config = loaded.config;
  auto& settings = context.config.settings;
  if (!global.api_url.empty()) {
    settings.api_url = global.api_url;
  }
  if (!global.token_env.empty()) {
    settings.token_env = global.token_env;
  }
  if (global.parallelism) {
    if (*global.parallelism < 1 || *global.parallelism > 256) {
      throw CommandError("--parallelism must be between 1 and 256");
    }
    settings.parallelism = *global.parallelism;
  }
  if (!global.shard.empty()) {
    auto shard = plan::parse_shard(global.shard);
    if (!shard) {
      throw CommandError("--shard must be i/n with 1 <= i <= n, not '" +
                         global.shard + "'");
    }
    context.shard = *shard;
  }

  context.diff_options.list_keys = settings.list_keys;
  context.diff_options.ignore = settings.ignore;
  context.diff_options.sensitive = settings.sensitive;
  context.color = want_color(global.no_color);
  context.github = in_github_actions();
  return context;
}

std::string output_format(Context& context, const std::string& format)
{
  if (format != "github") {
    return format;
  }
  context.github = true;
  return "text";
}

desired::LoadResult load_desired_all(const Context& context,
                                     const std::vector<std::string>& paths,
                                     bool allow_unset_env)
{
  const auto& settings = context.config.settings;
  desired::LoadOptions options;
  options.vars = settings.vars;
  options.list_keys = settings.list_keys;
  options.allow_unset_env = allow_unset_env;

  std::vector<std::string> sources = paths;
  if (sources.empty()) {
    options.base_dir = context.config.base_dir;
    sources = settings.flows;
  }
  auto result = desired::load_flows(sources, options);

  std::vector<std::string> unknown;
  result.flows = plan::select_flows(
      std::move(result.flows), context.global.targets, context.shard, unknown);
  for (const auto& id : unknown) {
    result.errors.push_back(
        {{}, "--target " + id + " names no flow in the files"});
  }
  return result;
}

std::vector<desired::DesiredFlow>
load_desired(const Context& context, const std::vector<std::string>& paths)
{
  auto result = load_desired_all(context, paths);
  if (!result.errors.empty()) {
    report_diagnostics(result.errors, context.github);
    throw CommandError(std::to_string(result.errors.size()) +
                       " error(s) in the flow files");
  }
  return std::move(result.flows);
}

void report_diagnostics(const std::vector<desired::Diagnostic>& diagnostics,
                        bool github)
{
  for (const auto& diagnostic : diagnostics) {
    print_error(diagnostic.to_string());
    if (github) {
      annotate("error", diagnostic);
    }
  }
}

void report_notes(const std::vector<desired::Diagnostic>& notes, bool github)
{
  for (const auto& note : notes) {
    spdlog::warn("{} (not needed to validate; plan and apply need it)",
                 plan::printable(note.to_string()));
    if (github) {
      annotate("warning", note);
    }
  }
}

std::unique_ptr<live::VerifikClient> make_client(const Context& context,
                                                 const std::atomic<bool>* stop)
{
  const auto& settings = context.config.settings;
  if (auto problem = live::check_base_url(settings.api_url)) {
    throw CommandError(*problem);
  }
  auto token = live::read_token(settings.token_env);
  if (!token) {
    throw CommandError("no API token: set the environment variable " +
                       settings.token_env);
  }
  plan::set_digest_key(*token);

  live::ClientOptions options;
  options.base_url = settings.api_url;
  options.token = *token;
  options.engine.parallelism = settings.parallelism;
  options.engine.requests_per_minute = settings.requests_per_minute;
  options.engine.stop = stop;
  spdlog::debug("api {} with parallelism {}, {} requests per minute",
                settings.api_url, settings.parallelism,
                settings.requests_per_minute);
  return std::make_unique<live::VerifikClient>(std::move(options));
}

bool stderr_is_tty()
{
  return isatty(STDERR_FILENO) != 0;
}

} // namespace flowctl::cli
