#pragma once

#include "desired/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace flowctl::desired {

inline constexpr std::size_t k_all_marks = static_cast<std::size_t>(-1);

// One YAML document as JSON, with the source position of every value.
struct YamlDocument {
  nlohmann::json value;
  // JSON pointer ("" is the root, "/steps/0/order") -> mark of the value.
  std::map<std::string, SourceMark> marks;
  // JSON pointer of a mapping entry's value -> mark of its key.
  std::map<std::string, SourceMark> key_marks;
  SourceMark start;
};

struct YamlFile {
  std::string bytes;
  std::vector<YamlDocument> documents;
  std::vector<Diagnostic> errors;
};

// Reads every document of `text` (documents separated by `---`) under the
// YAML 1.2 core schema. Duplicate keys, non-scalar keys, unknown tags and
// integers beyond 64 bits are errors; a syntax error ends the reading, and
// the documents before it are still returned. `file` names the source in
// marks.
//
// Marks are kept for values and keys down to `mark_depth` (0: the document
// alone, 1: its top-level fields too): a reader that needs them only to
// report problems can read shallowly first, and again in full when there is
// something to report.
YamlFile parse_yaml(std::string text, const std::string& file,
                    std::size_t mark_depth = k_all_marks);

// The bytes of a file, or why it cannot be read ("No such file or
// directory").
struct FileBytes {
  std::string bytes;
  std::string error;
};

FileBytes read_file_bytes(const std::string& path);

// parse_yaml on the bytes of `path`; an unreadable file is one error.
YamlFile load_yaml_file(const std::string& path);

// The mark of the value at `pointer`, or else of its nearest ancestor that
// has one; an empty mark when none has.
SourceMark nearest_mark(const std::map<std::string, SourceMark>& marks,
                        std::string pointer);

} // namespace flowctl::desired
