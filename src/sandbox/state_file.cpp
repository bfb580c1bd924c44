#include "sandbox/state_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace flowctl::sandbox {

namespace {

using nlohmann::json;

std::string system_error(const std::string& what)
{
  return what + ": " + std::strerror(errno);
}

// Line and column (both 1-based) of a 1-based byte offset into text.
std::string position_of(const std::string& text, std::size_t byte)
{
  std::size_t line = 1;
  std::size_t column = 1;
  const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

std::string check_flow(const json& flow, std::set<std::string>& ids)
{
  if (!flow.is_object()) {
    return "is not an object";
  }
  const auto id = flow.find("_id");
  if (id == flow.end() || !id->is_string() ||
      id->get_ref<const std::string&>().empty()) {
    return "has no string \"_id\"";
  }
  const auto& text = id->get_ref<const std::string&>();
  if (text.find('/') != std::string::npos) {
    return "has an \"_id\" with '/'";
  }
  if (!ids.insert(text).second) {
    return "repeats \"_id\" " + text;
  }
  return {};
}

std::string check_flows(const std::string& path, const json& flows)
{
  if (!flows.is_array()) {
    return path + ": expected a JSON array of flows";
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < flows.size(); ++i) {
    if (auto problem = check_flow(flows[i], ids); !problem.empty()) {
      std::string message = path;
      message.append(": flow ").append(std::to_string(i)).append(" ");
      return message.append(problem);
    }
  }
  return {};
}

bool write_all(int fd, std::string_view text)
{
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

std::optional<std::string> write_and_sync(const std::string& path,
                                          std::string_view text)
{
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return system_error("cannot create " + path);
  }
  const bool ok = write_all(fd, text) && ::fsync(fd) == 0;
  const std::string error = ok ? "" : system_error("cannot write " + path);
  ::close(fd);
  if (!ok) {
    return error;
  }
  return std::nullopt;
}

std::optional<std::string> sync_directory(const std::string& directory)
{
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return system_error("cannot open " + directory);
  }
  const bool ok = ::fsync(fd) == 0;
  const std::string error = ok ? "" : system_error("cannot sync " + directory);
  ::close(fd);
  if (!ok) {
    return error;
  }
  return std::nullopt;
}

} // namespace

FlowsFile read_flows_file(const std::string& path)
{
  FlowsFile result;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = system_error(path + ": cannot read");
    return result;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  try {
    result.flows = json::parse(text);
  } catch (const json::parse_error& e) {
    result.error = path + ":" + position_of(text, e.byte) + ": invalid JSON";
    return result;
  }
  result.error = check_flows(path, result.flows);
  return result;
}

std::optional<std::string> write_file_atomically(const std::string& path,
                                                 std::string_view text)
{
  // One writer per state file, so a fixed temporary name is enough, and a
  // crash leaves at most this one stale file for the next run to overwrite.
  const std::string temporary = path + ".tmp";
  if (auto error = write_and_sync(temporary, text)) {
    return error;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    return system_error("cannot rename " + temporary + " to " + path);
  }
  std::string directory = std::filesystem::path(path).parent_path().string();
  return sync_directory(directory.empty() ? "." : directory);
}

} // namespace flowctl::sandbox
