#include "plan/plan_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

namespace flowctl::plan {

namespace {

std::string system_error(const std::string& what, const std::string& path)
{
  return path + ": " + what + ": " + std::strerror(errno);
}

// Writes all of `text` to `fd`; false with errno set when it cannot.
bool write_all(int fd, std::string_view text)
{
  while (!text.empty()) {
    const auto n = write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads a JSON text without building it, noting whether it is an object
// with a top-level "format_version" member and where it stops being JSON.
struct PlanScan : nlohmann::json_sax<nlohmann::json> {
  // Stop where "format_version" is found: plans are written with their
  // flows last, so a plan is told from flow YAML by its first lines rather
  // than by reading all of a 40 MB file that load_plan then reads again.
  bool stop_when_found = true;
  bool object = false;
  bool found = false;
  // Where the text stopped being JSON, counted from 1; 0 when it did not.
  std::size_t error_byte = 0;
  int depth = 0;

  // Any value outside an object means the text is not a plan document.
  bool value() const { return depth > 0; }

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override
  {
    return value();
  }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override
  {
    object = object || depth == 0;
    ++depth;
    return true;
  }
  bool key(string_t& name) override
  {
    if (depth == 1 && name == "format_version") {
      found = true;
    }
    return !(found && stop_when_found);
  }
  bool end_object() override
  {
    --depth;
    return true;
  }
  bool start_array(std::size_t) override
  {
    ++depth;
    return depth > 1;
  }
  bool end_array() override
  {
    --depth;
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&,
                   const nlohmann::detail::exception&) override
  {
    error_byte = byte;
    return false;
  }
};

// Scans the file at `path`; false when it cannot be read.
bool scan_file(const std::string& path, PlanScan& scan)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  try {
    nlohmann::json::sax_parse(in, &scan);
  } catch (const std::ios_base::failure&) {
    // The stream reports a failed read (of a directory, say) by throwing.
    return false;
  }
  return true;
}

// "path:line:column" of the character at `byte` (counted from 1).
std::string position_of(const std::string& path, std::size_t byte)
{
  std::ifstream in(path, std::ios::binary);
  std::size_t line = 1;
  std::size_t column = 1;
  char c = 0;
  for (std::size_t i = 1; i < byte && in.get(c); ++i) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// Why the file at `path`, which parse_document refused, is not a plan.
std::string not_a_plan(const std::string& path)
{
  PlanScan scan;
  scan.stop_when_found = false;
  if (scan_file(path, scan) && scan.object && scan.error_byte > 0) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    const bool cut_off = !error && scan.error_byte > size;
    return position_of(path, scan.error_byte) + ": not a plan file (" +
           (cut_off ? "it ends inside its JSON" : "invalid JSON here") + ")";
  }
  return path + ": not a plan file (not a JSON object)";
}

} // namespace

std::string write_file_atomic(const std::string& path,
                              const std::string& content, bool shareable)
{
  return write_file_atomic(
      path, [&](const TextSink& write) { write(content); }, shareable);
}

std::string
write_file_atomic(const std::string& path,
                  const std::function<void(const TextSink&)>& produce,
                  bool shareable)
{
  std::string temp = path + ".tmp-XXXXXX";
  int fd = mkstemp(temp.data());
  if (fd < 0) {
    return system_error("cannot create", temp);
  }
  if (shareable) {
    // umask can only be read by setting it; it is put back at once.
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
      auto message = system_error("cannot set the permissions of", temp);
      close(fd);
      unlink(temp.c_str());
      return message;
    }
  }
  // Pieces are gathered into writes of about this size.
  constexpr std::size_t k_chunk = 1 << 16;
  std::string buffer;
  std::string failure;
  // After the first failure nothing more is written.
  const auto send = [&](std::string_view text) {
    if (failure.empty() && !write_all(fd, text)) {
      failure = system_error("cannot write", temp);
    }
  };
  const TextSink sink = [&](std::string_view piece) {
    // A large piece goes out as it is, not copied first.
    if (buffer.empty() && piece.size() >= k_chunk) {
      send(piece);
      return;
    }
    buffer += piece;
    if (buffer.size() >= k_chunk) {
      send(buffer);
      buffer.clear();
    }
  };
  try {
    produce(sink);
  } catch (...) {
    close(fd);
    unlink(temp.c_str());
    throw;
  }
  send(buffer);
  if (!failure.empty()) {
    close(fd);
    unlink(temp.c_str());
    return failure;
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    auto message = system_error("cannot write", temp);
    unlink(temp.c_str());
    return message;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    auto message = system_error("cannot write", path);
    unlink(temp.c_str());
    return message;
  }
  return "";
}

std::string save_plan(const std::string& path, const Plan& plan)
{
  return write_file_atomic(path, [&](const TextSink& write) {
    write_document(document_head(plan), plan.flows, write);
  });
}

DocumentResult load_plan(const std::string& path)
{
  DocumentResult result;
  // Parsed from the stream: a plan of 10,000 flows is a 40 MB file.
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = system_error("cannot read", path);
    return result;
  }
  std::optional<DocumentResult> parsed;
  try {
    parsed = parse_document(in);
  } catch (const std::ios_base::failure&) {
    // The stream reports a failed read (of a directory, say) by throwing.
    result.error = system_error("cannot read", path);
    return result;
  }
  if (!parsed) {
    result.error = not_a_plan(path);
    return result;
  }
  result = std::move(*parsed);
  if (!result.error.empty()) {
    result.error = path + ": " + result.error;
  }
  return result;
}

bool looks_like_plan(const std::string& path)
{
  PlanScan scan;
  return scan_file(path, scan) && scan.found;
}

} // namespace flowctl::plan
