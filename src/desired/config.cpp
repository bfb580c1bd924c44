#include "desired/config.hpp"

#include "desired/schema_validator.hpp"
#include "desired/yaml_loader.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <system_error>

namespace flowctl::desired {
namespace {

using nlohmann::json;

constexpr const char* k_default_path = "flowctl.yaml";

// Copies the settings `values` names over `settings`; `values` has passed
// the schema, so every type is right.
void apply_settings(const json& values, Settings& settings)
{
  auto take = [&](const char* key, auto& target) {
    if (values.contains(key)) {
      values.at(key).get_to(target);
    }
  };
  take("api_url", settings.api_url);
  take("token_env", settings.token_env);
  take("flows", settings.flows);
  take("parallelism", settings.parallelism);
  take("requests_per_minute", settings.requests_per_minute);
  take("list_keys", settings.list_keys);
  take("ignore", settings.ignore);
  take("sensitive", settings.sensitive);
  take("project", settings.project);
  if (values.contains("vars")) {
    for (const auto& [name, value] : values.at("vars").items()) {
      settings.vars[name] = value.get<std::string>();
    }
  }
}

std::string known_environments(const Config& config)
{
  if (config.path.empty()) {
    return "there is no " + std::string(k_default_path);
  }
  if (config.environment_names.empty()) {
    return config.path + " defines none";
  }
  std::string names;
  for (const auto& name : config.environment_names) {
    names += (names.empty() ? "" : ", ") + name;
  }
  return "known: " + names;
}

void select_environment(const json& document, const std::string& environment,
                        ConfigResult& result)
{
  Config& config = result.config;
  const json environments = document.value("environments", json::object());
  for (const auto& item : environments.items()) {
    config.environment_names.push_back(item.key());
  }
  if (environment.empty()) {
    return;
  }
  if (!environments.contains(environment)) {
    result.errors.push_back({{config.path, 0, 0},
                             "unknown environment '" + environment + "' (" +
                                 known_environments(config) + ")"});
    return;
  }
  config.environment = environment;
  apply_settings(environments.at(environment), config.settings);
}

// The one document of the file, or null when the file holds none.
const YamlDocument* single_document(const YamlFile& file, ConfigResult& result)
{
  const YamlDocument* found = nullptr;
  for (const auto& document : file.documents) {
    if (document.value.is_null()) {
      continue;
    }
    if (found != nullptr) {
      result.errors.push_back(
          {document.start, "a settings file holds one document only"});
      return nullptr;
    }
    found = &document;
  }
  return found;
}

void read_settings(const YamlDocument& document, ConfigResult& result)
{
  for (const auto& problem : config_validator().validate(document.value)) {
    const auto& marks = problem.at_key ? document.key_marks : document.marks;
    auto mark = nearest_mark(marks, problem.pointer);
    if (mark.file.empty()) {
      mark = document.start;
    }
    result.errors.push_back({mark, problem.message});
  }
  sort_by_position(result.errors);
  if (result.errors.empty()) {
    apply_settings(document.value, result.config.settings);
  }
}

} // namespace

ConfigResult load_config(const std::string& path,
                         const std::string& environment)
{
  ConfigResult result;
  Config& config = result.config;
  config.base_dir = ".";
  config.path = path;
  if (path.empty()) {
    std::error_code error;
    if (std::filesystem::exists(k_default_path, error)) {
      config.path = k_default_path;
    }
  }
  if (config.path.empty()) {
    select_environment(json::object(), environment, result);
    return result;
  }

  const auto parent = std::filesystem::path(config.path).parent_path();
  config.base_dir = parent.empty() ? "." : parent.string();

  const auto file = load_yaml_file(config.path);
  result.errors = file.errors;
  if (!result.errors.empty()) {
    return result;
  }
  const YamlDocument* document = single_document(file, result);
  if (!result.errors.empty()) {
    return result;
  }
  if (document == nullptr) {
    select_environment(json::object(), environment, result);
    return result;
  }
  if (!document->value.is_object()) {
    result.errors.push_back(
        {nearest_mark(document->marks, ""), "the settings must be a mapping"});
    return result;
  }
  read_settings(*document, result);
  if (result.errors.empty()) {
    select_environment(document->value, environment, result);
  }
  return result;
}

} // namespace flowctl::desired
