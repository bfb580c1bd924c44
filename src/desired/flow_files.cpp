#include "desired/flow_files.hpp"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace flowctl::desired {
namespace {

namespace fs = std::filesystem;

bool is_glob(const std::string& path)
{
  return path.find_first_of("*?[") != std::string::npos;
}

bool is_flow_file(const fs::path& path)
{
  const auto extension = path.extension();
  return extension == ".yaml" || extension == ".yml";
}

bool is_hidden(const fs::path& path)
{
  const auto name = path.filename().string();
  return name.size() > 1 && name.front() == '.';
}

std::vector<std::string> files_below(const std::string& directory)
{
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(
      directory, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (is_hidden(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    std::error_code status_error;
    if (it->is_regular_file(status_error) && is_flow_file(it->path())) {
      files.push_back(it->path().lexically_normal().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> glob_matches(const std::string& pattern)
{
  std::vector<std::string> matches;
  glob_t found{};
  if (::glob(pattern.c_str(), 0, nullptr, &found) == 0) {
    for (std::size_t i = 0; i < found.gl_pathc; ++i) {
      matches.emplace_back(found.gl_pathv[i]);
    }
  }
  ::globfree(&found);
  return matches;
}

// The files one existing path stands for.
std::vector<std::string> files_at(const std::string& path)
{
  std::error_code error;
  if (fs::is_directory(path, error)) {
    return files_below(path);
  }
  return {path};
}

void add_path(const std::string& given, const std::string& base_dir,
              FlowFiles& out)
{
  const auto path = join_path(base_dir, given);
  std::vector<std::string> found;
  if (is_glob(path)) {
    for (const auto& match : glob_matches(path)) {
      const auto files = files_at(join_path(".", match));
      found.insert(found.end(), files.begin(), files.end());
    }
    if (found.empty()) {
      out.errors.push_back({{path, 0, 0}, "no flow file matches this pattern"});
    }
  } else {
    std::error_code error;
    if (!fs::exists(path, error)) {
      out.errors.push_back({{path, 0, 0}, "no such file or directory"});
      return;
    }
    found = files_at(path);
    if (found.empty()) {
      out.errors.push_back({{path, 0, 0}, "no .yaml or .yml file below"});
    }
  }
  out.files.insert(out.files.end(), found.begin(), found.end());
}

} // namespace

std::string join_path(const std::string& base_dir, const std::string& path)
{
  fs::path joined = fs::path(path);
  if (joined.is_relative() && !base_dir.empty()) {
    joined = fs::path(base_dir) / joined;
  }
  auto text = joined.lexically_normal().string();
  return text.empty() ? "." : text;
}

FlowFiles expand_flow_paths(const std::vector<std::string>& paths,
                            const std::string& base_dir)
{
  FlowFiles out;
  for (const auto& path : paths) {
    add_path(path, base_dir, out);
  }
  std::set<std::string> seen;
  std::erase_if(out.files, [&](const std::string& file) {
    return !seen.insert(file).second;
  });
  return out;
}

} // namespace flowctl::desired
