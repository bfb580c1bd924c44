#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

// Lists of messages print one per line when a check fails.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& lines)
  {
    std::string text = "{";
    for (const auto& line : lines) {
      text += "\n  " + line;
    }
    return (text + "\n}").c_str();
  }
};

namespace flowctl::desired::testing {

// A scratch directory for one test, removed when the test ends.
class TempTree {
public:
  TempTree()
  {
    // mkdtemp replaces the trailing six 'X' with a unique name.
    std::string pattern =
        (std::filesystem::temp_directory_path() / "flowctl-desired-").string() +
        std::string(6, 'X');
    m_root = ::mkdtemp(pattern.data());
  }
  ~TempTree()
  {
    std::error_code ignored;
    std::filesystem::remove_all(m_root, ignored);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::string& root() const { return m_root; }

  // The path of `relative` inside the tree, as the loader names it.
  std::string path(const std::string& relative) const
  {
    return m_root + "/" + relative;
  }

  void write(const std::string& relative, const std::string& text) const
  {
    const auto file = std::filesystem::path(path(relative));
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }

private:
  std::string m_root;
};

// Runs the rest of a test in another working directory.
class WorkingDirectory {
public:
  explicit WorkingDirectory(const std::string& directory)
      : m_previous(std::filesystem::current_path())
  {
    std::filesystem::current_path(directory);
  }
  ~WorkingDirectory()
  {
    std::error_code ignored;
    std::filesystem::current_path(m_previous, ignored);
  }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

private:
  std::filesystem::path m_previous;
};

} // namespace flowctl::desired::testing
