#include "desired/yaml_loader.hpp"

#include "desired/core_schema.hpp"
#include "diff/json_depth.hpp"
#include "diff/json_path.hpp"

#include <yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>

namespace flowctl::desired {
namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_map_tag = "tag:yaml.org,2002:map";
constexpr std::string_view k_seq_tag = "tag:yaml.org,2002:seq";

// libyaml's marks are 0-based and count characters, as an editor does.
SourceMark mark_of(const yaml_mark_t& mark, const std::string& file)
{
  return {file, static_cast<int>(mark.line) + 1,
          static_cast<int>(mark.column) + 1};
}

// The mark of a byte offset, for libyaml's encoding errors, which give only
// that: the column counts characters, not bytes.
SourceMark mark_at_offset(std::string_view text, std::size_t offset,
                          const std::string& file)
{
  offset = std::min(offset, text.size());
  int line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  int column = 1;
  for (std::size_t i = start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {file, line, column};
}

std::string text_of(const yaml_char_t* text)
{
  return text == nullptr ? std::string()
                         : std::string(reinterpret_cast<const char*>(text));
}

bool starts_under(const std::string& pointer, const std::string& root)
{
  return pointer.size() > root.size() && pointer.starts_with(root) &&
         pointer[root.size()] == '/';
}

// Entries of `marks` at or under `root`, keyed relative to it.
std::map<std::string, SourceMark>
marks_under(const std::map<std::string, SourceMark>& marks,
            const std::string& root)
{
  std::map<std::string, SourceMark> result;
  for (auto it = marks.lower_bound(root); it != marks.end(); ++it) {
    if (it->first != root && !starts_under(it->first, root)) {
      break;
    }
    result.emplace(it->first.substr(root.size()), it->second);
  }
  return result;
}

// A node with an anchor, kept so that aliases can copy it.
struct Anchored {
  nlohmann::json value;
  std::map<std::string, SourceMark> marks;
  std::map<std::string, SourceMark> key_marks;
};

// Where the next node of the event stream goes.
struct Slot {
  enum class Kind { root, key, value, dropped };
  Kind kind = Kind::root;
  std::string pointer;
};

// A mapping or sequence under construction.
struct Frame {
  nlohmann::json value;
  Slot slot;
  std::string anchor; // empty for none
  // Mappings only: the key waiting for its value.
  std::optional<std::string> key;
  yaml_mark_t key_mark{};
  bool drop_value = false;
  // A collection written as a mapping key: rejected, and so is its value.
  bool is_key = false;
};

// Builds JSON documents from libyaml's parse events. Tags follow YAML's own
// notation for untagged nodes: "?" for a plain scalar or any collection,
// "!" for a quoted scalar.
//
// Marks are kept for values and keys no deeper than `mark_depth` (0 is the
// document itself); the pointers that name them are built only there.
class DocumentBuilder {
public:
  DocumentBuilder(const std::string& file, std::vector<Diagnostic>& errors,
                  std::size_t mark_depth)
      : m_file(file), m_errors(errors), m_mark_depth(mark_depth)
  {}

  std::vector<YamlDocument> take_documents() { return std::move(m_documents); }

  // Whether nesting has gone past what any flow needs; the reading stops.
  bool too_deep() const { return m_too_deep; }

  void on_document_start(const yaml_mark_t& where)
  {
    m_document = YamlDocument{};
    m_document.start = mark(where);
    m_stack.clear();
    m_anchors.clear();
  }

  void on_document_end() { m_documents.push_back(std::move(m_document)); }

  void on_null(yaml_mark_t where, const std::string& anchor)
  {
    const Slot slot = next_slot();
    // An empty value has no text of its own to point at; its key has.
    if (slot.kind == Slot::Kind::value && !m_stack.empty() &&
        m_stack.back().value.is_object()) {
      where = m_stack.back().key_mark;
    }
    add_scalar(slot, nullptr, "null", where, anchor);
  }

  void on_alias(const yaml_mark_t& where, const std::string& anchor)
  {
    const Slot slot = next_slot();
    const auto found = m_anchors.find(anchor);
    if (found == m_anchors.end()) {
      error(where, "invalid YAML: alias '*" + anchor + "' names no anchor");
    }
    const Anchored copy = found == m_anchors.end() ? Anchored{} : found->second;
    if (slot.kind == Slot::Kind::key) {
      if (copy.value.is_structured()) {
        reject_key(where);
        return;
      }
      accept_key(key_text(copy.value), where);
      return;
    }
    if (slot.kind == Slot::Kind::dropped) {
      finish_dropped();
      return;
    }
    if (marking()) {
      for (const auto& [suffix, inner] : copy.marks) {
        m_document.marks[slot.pointer + suffix] = inner;
      }
      for (const auto& [suffix, inner] : copy.key_marks) {
        if (!suffix.empty()) {
          m_document.key_marks[slot.pointer + suffix] = inner;
        }
      }
      m_document.marks[slot.pointer] = mark(where);
    }
    place(slot, copy.value);
  }

  void on_scalar(const yaml_mark_t& where, const std::string& tag,
                 const std::string& anchor, const std::string& text)
  {
    auto scalar = resolve_scalar(tag, text);
    if (!scalar.error.empty()) {
      error(where, scalar.error);
    }
    add_scalar(next_slot(), std::move(scalar.value), text, where, anchor);
  }

  void on_sequence_start(const yaml_mark_t& where, const std::string& tag,
                         const std::string& anchor)
  {
    start_collection(where, tag, anchor, nlohmann::json::array(), k_seq_tag);
  }

  void on_mapping_start(const yaml_mark_t& where, const std::string& tag,
                        const std::string& anchor)
  {
    start_collection(where, tag, anchor, nlohmann::json::object(), k_map_tag);
  }

  void on_collection_end() { end_collection(); }

private:
  SourceMark mark(const yaml_mark_t& where) const
  {
    return mark_of(where, m_file);
  }

  void error(const yaml_mark_t& where, std::string message)
  {
    m_errors.push_back({mark(where), std::move(message)});
  }

  // Whether the node that goes in the next slot is shallow enough to be
  // marked: the collections open are its depth.
  bool marking() const { return m_stack.size() <= m_mark_depth; }

  static std::string key_text(const nlohmann::json& value)
  {
    if (value.is_string()) {
      return value.get<std::string>();
    }
    return value.dump();
  }

  Slot next_slot() const
  {
    if (m_stack.empty()) {
      return {Slot::Kind::root, ""};
    }
    const Frame& top = m_stack.back();
    if (top.slot.kind == Slot::Kind::dropped) {
      return {Slot::Kind::dropped, ""};
    }
    if (top.value.is_array()) {
      if (!marking()) {
        return {Slot::Kind::value, ""};
      }
      return {Slot::Kind::value,
              diff::pointer_append(top.slot.pointer,
                                   std::to_string(top.value.size()))};
    }
    if (!top.key) {
      return {Slot::Kind::key, ""};
    }
    if (top.drop_value) {
      return {Slot::Kind::dropped, ""};
    }
    if (!marking()) {
      return {Slot::Kind::value, ""};
    }
    return {Slot::Kind::value,
            diff::pointer_append(top.slot.pointer, *top.key)};
  }

  void add_scalar(const Slot& slot, nlohmann::json value,
                  const std::string& text, const yaml_mark_t& where,
                  const std::string& anchor)
  {
    if (slot.kind == Slot::Kind::key) {
      // Keys keep the text they were written with: `0x1F:` names "0x1F".
      if (!anchor.empty()) {
        remember(anchor, Anchored{text, {{"", mark(where)}}, {}});
      }
      accept_key(text, where);
      return;
    }
    if (slot.kind == Slot::Kind::dropped) {
      finish_dropped();
      return;
    }
    if (marking()) {
      m_document.marks[slot.pointer] = mark(where);
    }
    if (!anchor.empty()) {
      remember(anchor, Anchored{value, {{"", mark(where)}}, {}});
    }
    place(slot, std::move(value));
  }

  void accept_key(const std::string& key, const yaml_mark_t& where)
  {
    Frame& top = m_stack.back();
    top.key = key;
    top.key_mark = where;
    // A key is marked as deep as its value.
    const bool marked = marking();
    const auto pointer =
        marked ? diff::pointer_append(top.slot.pointer, key) : std::string();
    if (top.value.contains(key)) {
      std::string first = "?";
      if (const auto found = m_document.key_marks.find(pointer);
          marked && found != m_document.key_marks.end()) {
        first = std::to_string(found->second.line);
      }
      error(where, "duplicate key '" + key + "' (first at line " + first + ")");
      top.drop_value = true;
      return;
    }
    if (marked) {
      m_document.key_marks[pointer] = mark(where);
    }
  }

  void reject_key(const yaml_mark_t& where)
  {
    error(where, "a mapping key must be a scalar");
    Frame& top = m_stack.back();
    top.key = "";
    top.key_mark = where;
    top.drop_value = true;
  }

  // The value of a rejected key has been read; the mapping goes on.
  void finish_dropped()
  {
    if (!m_stack.empty() && m_stack.back().value.is_object() &&
        m_stack.back().slot.kind != Slot::Kind::dropped) {
      m_stack.back().key.reset();
      m_stack.back().drop_value = false;
    }
  }

  void start_collection(const yaml_mark_t& where, const std::string& tag,
                        const std::string& anchor, nlohmann::json empty,
                        std::string_view own_tag)
  {
    if (m_stack.size() >= diff::k_max_json_depth) {
      error(where, "nesting deeper than " +
                       std::to_string(diff::k_max_json_depth) + " levels");
      m_too_deep = true;
      return;
    }
    if (tag != "?" && tag != "!" && tag != own_tag) {
      error(where, "unsupported tag '" + short_tag(tag) + "'");
    }
    Frame frame{std::move(empty), next_slot(), anchor, {}, {}, {}, {}};
    if (frame.slot.kind == Slot::Kind::key) {
      reject_key(where);
      frame.slot = {Slot::Kind::dropped, ""};
      frame.is_key = true;
    } else if (frame.slot.kind != Slot::Kind::dropped && marking()) {
      m_document.marks[frame.slot.pointer] = mark(where);
    }
    m_stack.push_back(std::move(frame));
  }

  void end_collection()
  {
    if (m_stack.empty()) {
      return;
    }
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    if (frame.slot.kind == Slot::Kind::dropped) {
      if (!frame.is_key) {
        finish_dropped();
      }
      return;
    }
    if (!frame.anchor.empty()) {
      remember(frame.anchor,
               Anchored{frame.value,
                        marks_under(m_document.marks, frame.slot.pointer),
                        marks_under(m_document.key_marks, frame.slot.pointer)});
    }
    place(frame.slot, std::move(frame.value));
  }

  void remember(const std::string& anchor, Anchored node)
  {
    if (!anchor.empty()) {
      m_anchors[anchor] = std::move(node);
    }
  }

  void place(const Slot& slot, nlohmann::json value)
  {
    if (slot.kind == Slot::Kind::root) {
      m_document.value = std::move(value);
      return;
    }
    Frame& parent = m_stack.back();
    if (parent.value.is_array()) {
      parent.value.push_back(std::move(value));
      return;
    }
    parent.value[*parent.key] = std::move(value);
    parent.key.reset();
  }

  std::string m_file;
  std::vector<Diagnostic>& m_errors;
  std::size_t m_mark_depth;
  std::vector<YamlDocument> m_documents;
  YamlDocument m_document;
  std::vector<Frame> m_stack;
  std::map<std::string, Anchored> m_anchors;
  bool m_too_deep = false;
};

// libyaml's parser, freed on every path out.
class EventParser {
public:
  explicit EventParser(std::string_view text)
  {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_encoding(&m_parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(
        &m_parser, reinterpret_cast<const unsigned char*>(text.data()),
        text.size());
  }
  ~EventParser() { yaml_parser_delete(&m_parser); }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;

  yaml_parser_t& get() { return m_parser; }

private:
  yaml_parser_t m_parser{};
};

class Event {
public:
  Event() = default;
  ~Event() { yaml_event_delete(&m_event); }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  yaml_event_t& get() { return m_event; }

private:
  yaml_event_t m_event{};
};

Diagnostic parse_error(const yaml_parser_t& parser, std::string_view text,
                       const std::string& file)
{
  std::string message = "invalid YAML: ";
  message += parser.problem != nullptr ? parser.problem : "cannot be read";
  if (parser.error == YAML_READER_ERROR) {
    return {mark_at_offset(text, parser.problem_offset, file), message};
  }
  if (parser.context == nullptr) {
    return {mark_of(parser.problem_mark, file), message};
  }
  message += std::string(" ") + parser.context;
  // A token that never ends, such as a quoted scalar without its closing
  // quote, is best shown where it starts.
  if (parser.error == YAML_SCANNER_ERROR) {
    return {mark_of(parser.context_mark, file), message};
  }
  if (parser.context_mark.line != parser.problem_mark.line) {
    message += " at line " + std::to_string(parser.context_mark.line + 1);
  }
  return {mark_of(parser.problem_mark, file), message};
}

// Hands one event to the builder; false at the end of the stream.
bool dispatch(const yaml_event_t& event, DocumentBuilder& builder)
{
  const auto& where = event.start_mark;
  switch (event.type) {
  case YAML_STREAM_END_EVENT:
    return false;
  case YAML_DOCUMENT_START_EVENT:
    builder.on_document_start(where);
    break;
  case YAML_DOCUMENT_END_EVENT:
    builder.on_document_end();
    break;
  case YAML_ALIAS_EVENT:
    builder.on_alias(where, text_of(event.data.alias.anchor));
    break;
  case YAML_SCALAR_EVENT: {
    const auto& scalar = event.data.scalar;
    const auto anchor = text_of(scalar.anchor);
    const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (scalar.tag == nullptr && plain && scalar.length == 0) {
      builder.on_null(where, anchor);
      break;
    }
    auto tag = text_of(scalar.tag);
    if (tag.empty()) {
      tag = plain ? "?" : "!";
    }
    builder.on_scalar(where, tag, anchor,
                      std::string(reinterpret_cast<const char*>(scalar.value),
                                  scalar.length));
    break;
  }
  case YAML_SEQUENCE_START_EVENT: {
    const auto tag = text_of(event.data.sequence_start.tag);
    builder.on_sequence_start(where, tag.empty() ? "?" : tag,
                              text_of(event.data.sequence_start.anchor));
    break;
  }
  case YAML_MAPPING_START_EVENT: {
    const auto tag = text_of(event.data.mapping_start.tag);
    builder.on_mapping_start(where, tag.empty() ? "?" : tag,
                             text_of(event.data.mapping_start.anchor));
    break;
  }
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT:
    builder.on_collection_end();
    break;
  default:
    break;
  }
  return true;
}

} // namespace

YamlFile parse_yaml(std::string text, const std::string& file,
                    std::size_t mark_depth)
{
  YamlFile result;
  result.bytes = std::move(text);
  std::string_view content = result.bytes;
  if (content.starts_with(k_utf8_bom)) {
    content.remove_prefix(k_utf8_bom.size());
  }

  DocumentBuilder builder(file, result.errors, mark_depth);
  EventParser parser(content);
  while (!builder.too_deep()) {
    Event event;
    if (yaml_parser_parse(&parser.get(), &event.get()) == 0) {
      result.errors.push_back(parse_error(parser.get(), content, file));
      break;
    }
    if (!dispatch(event.get(), builder)) {
      break;
    }
  }
  result.documents = builder.take_documents();
  return result;
}

FileBytes read_file_bytes(const std::string& path)
{
  FileBytes result;
  std::FILE* handle = std::fopen(path.c_str(), "rb");
  if (handle == nullptr) {
    result.error = std::strerror(errno);
    return result;
  }
  char buffer[65536];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, handle)) > 0) {
    result.bytes.append(buffer, count);
  }
  if (std::ferror(handle) != 0) {
    result.error = std::strerror(errno);
    result.bytes.clear();
  }
  std::fclose(handle);
  return result;
}

SourceMark nearest_mark(const std::map<std::string, SourceMark>& marks,
                        std::string pointer)
{
  while (true) {
    const auto found = marks.find(pointer);
    if (found != marks.end()) {
      return found->second;
    }
    if (pointer.empty()) {
      return {};
    }
    const auto slash = pointer.rfind('/');
    pointer.erase(slash == std::string::npos ? 0 : slash);
  }
}

YamlFile load_yaml_file(const std::string& path)
{
  auto file = read_file_bytes(path);
  if (!file.error.empty()) {
    YamlFile result;
    result.errors.push_back({{path, 0, 0}, "cannot read: " + file.error});
    return result;
  }
  return parse_yaml(std::move(file.bytes), path);
}

} // namespace flowctl::desired
