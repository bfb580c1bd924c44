#include "desired/file_prefetch.hpp"

#include "diff/sha256.hpp"

#include <algorithm>
#include <system_error>

namespace flowctl::desired {

ParsedFile parse_file(const std::string& path, std::size_t mark_depth)
{
  ParsedFile result;
  auto bytes = read_file_bytes(path);
  if (!bytes.error.empty()) {
    result.read_error = std::move(bytes.error);
    return result;
  }
  result.sha256_hex = diff::sha256_hex(bytes.bytes);
  result.yaml = parse_yaml(std::move(bytes.bytes), path, mark_depth);
  std::string().swap(result.yaml.bytes);
  return result;
}

FilePrefetch::FilePrefetch(std::vector<std::string> paths,
                           std::size_t mark_depth, unsigned threads,
                           std::size_t window)
    : m_paths(std::move(paths)), m_mark_depth(mark_depth),
      m_window(std::max<std::size_t>(window, 1)), m_slots(m_paths.size())
{
  const auto count = std::min<std::size_t>(threads, m_paths.size());
  for (std::size_t i = 0; i < count; ++i) {
    // Where no more threads can be had, fewer do the work, or none and
    // take() reads each file itself.
    try {
      m_threads.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      break;
    }
  }
}

FilePrefetch::~FilePrefetch()
{
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_room.notify_all();
  for (auto& thread : m_threads) {
    thread.join();
  }
}

ParsedFile FilePrefetch::take(std::size_t index)
{
  std::unique_lock lock(m_mutex);
  m_taken = index + 1;
  m_room.notify_all();
  if (m_threads.empty()) {
    lock.unlock();
    return parse_file(m_paths[index], m_mark_depth);
  }
  m_ready.wait(lock, [&] {
    return m_slots[index].file.has_value() || m_slots[index].error;
  });
  Slot slot = std::move(m_slots[index]);
  if (slot.error) {
    std::rethrow_exception(slot.error);
  }
  return std::move(*slot.file);
}

void FilePrefetch::work()
{
  std::unique_lock lock(m_mutex);
  while (true) {
    m_room.wait(lock, [&] {
      return m_stopping || m_next >= m_paths.size() ||
             m_next < m_taken + m_window;
    });
    if (m_stopping || m_next >= m_paths.size()) {
      return;
    }
    const auto index = m_next++;
    lock.unlock();
    Slot slot;
    try {
      slot.file = parse_file(m_paths[index], m_mark_depth);
    } catch (...) {
      slot.error = std::current_exception();
    }
    lock.lock();
    m_slots[index] = std::move(slot);
    m_ready.notify_one();
  }
}

} // namespace flowctl::desired
