#pragma once

#include "cli/global_options.hpp"
#include "desired/config.hpp"
#include "desired/flow_loader.hpp"
#include "diff/diff.hpp"
#include "live/verifik_client.hpp"
#include "plan/selection.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace flowctl::cli {

// What every command starts from: the settings of flowctl.yaml for the chosen
// environment, with the command line's overrides applied.
struct Context {
  GlobalOptions global;
  desired::Config config;
  diff::DiffOptions diff_options;
  plan::Shard shard;
  bool color = false;
  // GitHub Actions output besides the usual: annotations for diagnostics
  // and the report in the job summary. On when GITHUB_ACTIONS=true or with
  // --format github.
  bool github = false;
};

// Throws CommandError (after printing each diagnostic) when the config is bad.
Context load_context(const GlobalOptions& global);

// Loads the flows from `paths`, or from the config's `flows:` when empty, and
// keeps those selected by --target and --shard. Prints every diagnostic and
// throws CommandError when there are any.
std::vector<desired::DesiredFlow>
load_desired(const Context& context, const std::vector<std::string>& paths);

// Same, but returns the diagnostics instead of throwing, for validate;
// with `allow_unset_env` an unset ${env:NAME} is a note, not an error.
desired::LoadResult load_desired_all(const Context& context,
                                     const std::vector<std::string>& paths,
                                     bool allow_unset_env = false);

// The format to render for a command's --format: "github" is the text
// format, and turns the context's GitHub output on.
std::string output_format(Context& context, const std::string& format);

// Prints diagnostics as `flowctl: error: file:line:col: message`, and as
// GitHub annotations with `github`.
void report_diagnostics(const std::vector<desired::Diagnostic>& diagnostics,
                        bool github);

// Prints notes as warnings on stderr, and as GitHub warning annotations
// with `github`.
void report_notes(const std::vector<desired::Diagnostic>& notes, bool github);

// The API client for the context; throws CommandError when the token is
// missing or the URL is refused.
std::unique_ptr<live::VerifikClient>
make_client(const Context& context, const std::atomic<bool>* stop = nullptr);

// True when stderr is a terminal: progress lines are shown only then.
bool stderr_is_tty();

} // namespace flowctl::cli
