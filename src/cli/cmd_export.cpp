#include "cli/command_error.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/logging.hpp"
#include "desired/flow_writer.hpp"
#include "plan/plan_file.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>

namespace flowctl::cli {

namespace {

// Where a flows repository keeps the schema, relative to its flow folder.
constexpr const char* k_schema_comment_path =
    "../schemas/project-flow.schema.json";

std::vector<std::string> ids_to_export(const Context& context,
                                       live::VerifikClient& client,
                                       const ExportArgs& args)
{
  if (!args.ids.empty()) {
    return args.ids;
  }
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
  for (const auto& flow : listed.flows) {
    ids.push_back(flow.value("_id", std::string()));
  }
  return ids;
}

} // namespace

int run_export(const GlobalOptions& global, const ExportArgs& args)
{
  auto context = load_context(global);
  auto client = make_client(context);
  auto ids = ids_to_export(context, *client, args);

  for (const auto& id : ids) {
    if (desired::flow_file_name(id).empty()) {
      throw CommandError("flow id '" + id +
                         "' is not a valid id (letters, digits, _ and -)");
    }
  }

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
    auto path =
        (std::filesystem::path(args.out) / desired::flow_file_name(answer.id))
            .string();
    auto problem = plan::write_file_atomic(
        path, desired::write_flow_yaml(*answer.flow, k_schema_comment_path));
    if (!problem.empty()) {
      print_error(problem);
      ++failures;
      continue;
    }
    std::printf("exported %s to %s\n", answer.id.c_str(), path.c_str());
  }
  std::printf("Export: %zu written, %d failed.\n", answers.size() - failures,
              failures);
  return failures > 0 ? k_exit_error : k_exit_ok;
}

} // namespace flowctl::cli
