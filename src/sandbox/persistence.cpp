#include "sandbox/persistence.hpp"

#include "sandbox/state_file.hpp"

namespace flowctl::sandbox {

Persistence::Persistence(std::string path, const FlowStore& store)
    : m_path(std::move(path)), m_store(store)
{}

std::optional<std::string> Persistence::save_through(std::uint64_t generation)
{
  std::lock_guard lock(m_mutex);
  if (m_saved && *m_saved >= generation) {
    return std::nullopt;
  }
  const Snapshot snapshot = m_store.snapshot();
  if (auto error = write_file_atomically(m_path, snapshot.text)) {
    return error;
  }
  m_saved = snapshot.generation;
  return std::nullopt;
}

} // namespace flowctl::sandbox
