#pragma once

#include "sandbox/flow_store.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace flowctl::sandbox {

// Keeps the state file in step with the store. Concurrent updates share a
// write: whoever saves writes the newest snapshot, which covers every
// update made before it, so the others find their change already on disk.
class Persistence {
public:
  Persistence(std::string path, const FlowStore& store);

  // Returns once the file holds a snapshot at least as new as generation;
  // an error message if it could not be written.
  std::optional<std::string> save_through(std::uint64_t generation);

private:
  std::string m_path;
  const FlowStore& m_store;
  std::mutex m_mutex;
  std::optional<std::uint64_t> m_saved;
};

} // namespace flowctl::sandbox
