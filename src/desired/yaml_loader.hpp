#pragma once

#include "desired/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace flowctl::desired {

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
YamlFile parse_yaml(std::string text, const std::string& file);

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
