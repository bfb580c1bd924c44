#include "cli/command_error.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/logging.hpp"
#include "desired/flow_writer.hpp"
#include "diff/diff.hpp"
#include "plan/plan.hpp"
#include "plan/plan_file.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <set>

namespace flowctl::cli {

namespace {

// Where a flows repository keeps the schema, relative to its flow folder.
constexpr const char* k_schema_comment_path =
    "../schemas/project-flow.schema.json";

// Existing files named at most, so a refusal stays readable.
constexpr std::size_t k_named_files = 5;

// Each id once, in the order given; an id that could escape the folder
// stops the export before anything is fetched or written.
std::vector<std::string> checked_ids(const std::vector<std::string>& given)
{
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& id : given) {
    if (desired::flow_file_name(id).empty()) {
      throw CommandError("flow id '" + id +
                         "' is not a valid id (1 to 128 letters, digits, _ "
                         "and -)");
    }
    if (seen.insert(id).second) {
      ids.push_back(id);
    }
  }
  return ids;
}

// The ids of the project's live flows, each once. An id that cannot name a
// file is reported and counted in `skipped`, and the other flows are still
// exported.
std::vector<std::string> project_ids(const Context& context,
                                     live::VerifikClient& client, int& skipped)
{
  const auto& project = context.config.settings.project;
  if (project.empty()) {
    throw CommandError("export needs --id or a project in the settings");
  }
  live::ListFilter filter;
  filter.project = project;
  auto listed = client.list_flows(filter);
  if (listed.error) {
    throw CommandError("cannot list the flows of project " + project + ": " +
                       listed.error->describe());
  }
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& flow : listed.flows) {
    auto id = flow.value("_id", std::string());
    if (desired::flow_file_name(id).empty()) {
      std::string message = "flow '";
      message += id;
      message += "' of project ";
      message += project;
      message += ": the id cannot name a file; not exported";
      print_error(message);
      ++skipped;
    } else if (seen.insert(id).second) {
      ids.push_back(std::move(id));
    }
  }
  return ids;
}

std::string path_for(const ExportArgs& args, const std::string& id)
{
  return (std::filesystem::path(args.out) / desired::flow_file_name(id))
      .string();
}

// A file in the folder may be one a team edits by hand, with `extends` and
// ${env:...} references an export would flatten; it is replaced only when
// asked to.
void refuse_existing(const ExportArgs& args,
                     const std::vector<std::string>& ids)
{
  if (args.force) {
    return;
  }
  std::vector<std::string> existing;
  for (const auto& id : ids) {
    std::error_code error;
    auto path = path_for(args, id);
    if (std::filesystem::exists(path, error)) {
      existing.push_back(path);
    }
  }
  if (existing.empty()) {
    return;
  }
  std::string names;
  for (std::size_t i = 0; i < existing.size() && i < k_named_files; ++i) {
    names += (i == 0 ? "" : ", ") + existing[i];
  }
  if (existing.size() > k_named_files) {
    names +=
        " and " + std::to_string(existing.size() - k_named_files) + " more";
  }
  throw CommandError(std::to_string(existing.size()) +
                     " file(s) already exist: " + names +
                     " (nothing was written; --force replaces them)");
}

// A value at a sensitive path is written as the server holds it; it must
// become a ${env:NAME} reference before the file goes into git.
void warn_sensitive(const std::string& path, const nlohmann::json& flow,
                    const std::vector<std::string>& sensitive)
{
  auto fields = plan::updatable_fields(flow);
  for (const auto& pattern : sensitive) {
    auto hidden = diff::redact(fields, "", {pattern},
                               [](const nlohmann::json&) { return nullptr; });
    if (hidden != fields) {
      spdlog::warn("{}: holds the live value at the sensitive path {}; "
                   "replace it with ${{env:NAME}} before committing the file",
                   path, pattern);
    }
  }
}

} // namespace

int run_export(const GlobalOptions& global, const ExportArgs& args)
{
  auto context = load_context(global);
  auto ids = checked_ids(args.ids);
  auto client = make_client(context);
  int skipped = 0;
  if (args.ids.empty()) {
    ids = project_ids(context, *client, skipped);
  }
  refuse_existing(args, ids);

  std::error_code error;
  std::filesystem::create_directories(args.out, error);
  if (error) {
    throw CommandError(args.out + ": " + error.message());
  }

  auto answers = client->get_flows(ids);
  int failures = 0;
  for (const auto& answer : answers) {
    if (answer.error || !answer.flow) {
      print_error("flow " + answer.id + ": " +
                  (answer.error ? answer.error->describe() : "no flow"));
      ++failures;
      continue;
    }
    auto path = path_for(args, answer.id);
    auto problem = plan::write_file_atomic(
        path, desired::write_flow_yaml(*answer.flow, k_schema_comment_path),
        true);
    if (!problem.empty()) {
      print_error(problem);
      ++failures;
      continue;
    }
    warn_sensitive(path, *answer.flow, context.config.settings.sensitive);
    std::printf("exported %s to %s\n", answer.id.c_str(), path.c_str());
  }
  std::printf("Export: %zu written, %d failed.\n", answers.size() - failures,
              failures + skipped);
  return failures + skipped > 0 ? k_exit_error : k_exit_ok;
}

} // namespace flowctl::cli
