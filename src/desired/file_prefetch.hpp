#pragma once

#include "desired/yaml_loader.hpp"

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace flowctl::desired {

// A flow file read and parsed; its bytes are let go once hashed.
struct ParsedFile {
  YamlFile yaml;
  std::string sha256_hex; // of the bytes; empty when unreadable
  std::string read_error; // why the file cannot be read, if it cannot
};

ParsedFile parse_file(const std::string& path, std::size_t mark_depth);

// Reads and parses files on threads of their own while the caller checks
// the ones before: reading is most of the work of loading a large
// repository, and each file's is independent. At most `window` files wait
// ahead of the caller, which bounds what is held.
class FilePrefetch {
public:
  FilePrefetch(std::vector<std::string> paths, std::size_t mark_depth,
               unsigned threads, std::size_t window = 64);
  ~FilePrefetch();

  FilePrefetch(const FilePrefetch&) = delete;
  FilePrefetch& operator=(const FilePrefetch&) = delete;

  // The file at `index` of the paths; each is taken once, in order.
  ParsedFile take(std::size_t index);

private:
  struct Slot {
    std::optional<ParsedFile> file;
    std::exception_ptr error;
  };

  void work();

  std::vector<std::string> m_paths;
  std::size_t m_mark_depth;
  std::size_t m_window;
  std::vector<Slot> m_slots;
  std::mutex m_mutex;
  std::condition_variable m_room;  // a worker may start another file
  std::condition_variable m_ready; // a file is done
  std::size_t m_next = 0;          // the next file a worker starts
  std::size_t m_taken = 0;         // files the caller has taken
  bool m_stopping = false;
  std::vector<std::thread> m_threads; // last: they start once all is built
};

} // namespace flowctl::desired
