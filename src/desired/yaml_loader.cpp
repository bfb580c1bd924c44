#include "desired/yaml_loader.hpp"

#include "desired/core_schema.hpp"
#include "diff/json_path.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <sstream>
#include <string_view>

namespace flowctl::desired {
namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_map_tag = "tag:yaml.org,2002:map";
constexpr std::string_view k_seq_tag = "tag:yaml.org,2002:seq";

// Turns yaml-cpp's 0-based marks into 1-based ones whose column counts
// characters, not bytes, so a position reads the same in an editor.
class MarkMaker {
public:
  MarkMaker(std::string_view text, std::string file)
      : m_text(text), m_file(std::move(file))
  {}

  SourceMark operator()(const YAML::Mark& mark) const
  {
    if (mark.line < 0 || mark.pos < 0) {
      return {m_file, 0, 0};
    }
    const auto pos = static_cast<std::size_t>(mark.pos);
    if (pos > m_text.size()) {
      return {m_file, mark.line + 1, mark.column + 1};
    }
    const auto newline = m_text.rfind('\n', pos == 0 ? 0 : pos - 1);
    std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    if (start > pos) {
      start = pos;
    }
    int column = 1;
    for (std::size_t i = start; i < pos; ++i) {
      const auto byte = static_cast<unsigned char>(m_text[i]);
      if ((byte & 0xC0) != 0x80) {
        ++column;
      }
    }
    return {m_file, mark.line + 1, column};
  }

private:
  std::string_view m_text;
  std::string m_file;
};

// yaml-cpp 0.7 accepts a quoted scalar that runs to the end of the input
// without its closing quote; this finds that case from the scalar's start.
bool lacks_closing_quote(std::string_view text, std::size_t pos)
{
  // Skip a tag or an anchor written before the scalar.
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '!' || c == '&') {
      while (pos < text.size() && text[pos] != ' ' && text[pos] != '\n') {
        ++pos;
      }
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++pos;
    } else {
      break;
    }
  }
  if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) {
    return false;
  }
  const char quote = text[pos];
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
      } else {
        return false;
      }
    }
  }
  return true;
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
  YAML::anchor_t anchor = YAML::NullAnchor;
  SourceMark mark;
  // Mappings only: the key waiting for its value.
  std::optional<std::string> key;
  SourceMark key_mark;
  bool drop_value = false;
  // A collection written as a mapping key: rejected, and so is its value.
  bool is_key = false;
};

// Builds JSON documents from yaml-cpp's parse events.
class DocumentBuilder : public YAML::EventHandler {
public:
  DocumentBuilder(std::string_view text, const std::string& file,
                  std::vector<Diagnostic>& errors)
      : m_text(text), m_mark_of(text, file), m_errors(errors)
  {}

  std::vector<YamlDocument> take_documents() { return std::move(m_documents); }

  void OnDocumentStart(const YAML::Mark& mark) override
  {
    m_document = YamlDocument{};
    m_document.start = m_mark_of(mark);
    m_stack.clear();
    m_anchors.clear();
  }

  void OnDocumentEnd() override
  {
    m_documents.push_back(std::move(m_document));
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    auto where = m_mark_of(mark);
    const Slot slot = next_slot();
    // An empty value is reported at the next token, often a line below;
    // its key is the better place to point at.
    if (slot.kind == Slot::Kind::value && !m_stack.empty() &&
        m_stack.back().value.is_object() &&
        where.line > m_stack.back().key_mark.line) {
      where = m_stack.back().key_mark;
    }
    add_scalar(slot, nullptr, "null", where, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    const auto where = m_mark_of(mark);
    const Slot slot = next_slot();
    const auto found = m_anchors.find(anchor);
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
    for (const auto& [suffix, inner] : copy.marks) {
      m_document.marks[slot.pointer + suffix] = inner;
    }
    for (const auto& [suffix, inner] : copy.key_marks) {
      if (!suffix.empty()) {
        m_document.key_marks[slot.pointer + suffix] = inner;
      }
    }
    m_document.marks[slot.pointer] = where;
    place(slot, copy.value);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag,
                YAML::anchor_t anchor, const std::string& text) override
  {
    const auto where = m_mark_of(mark);
    if (tag != "?" && mark.pos >= 0 &&
        lacks_closing_quote(m_text, static_cast<std::size_t>(mark.pos))) {
      error(where, "invalid YAML: missing closing quote");
    }
    auto scalar = resolve_scalar(tag, text);
    if (!scalar.error.empty()) {
      error(where, scalar.error);
    }
    add_scalar(next_slot(), std::move(scalar.value), text, where, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag,
                       YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override
  {
    start_collection(mark, tag, anchor, nlohmann::json::array(), k_seq_tag);
  }

  void OnSequenceEnd() override { end_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag,
                  YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override
  {
    start_collection(mark, tag, anchor, nlohmann::json::object(), k_map_tag);
  }

  void OnMapEnd() override { end_collection(); }

private:
  void error(const SourceMark& mark, std::string message)
  {
    m_errors.push_back({mark, std::move(message)});
  }

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
    return {Slot::Kind::value,
            diff::pointer_append(top.slot.pointer, *top.key)};
  }

  void add_scalar(const Slot& slot, nlohmann::json value,
                  const std::string& text, const SourceMark& where,
                  YAML::anchor_t anchor)
  {
    if (slot.kind == Slot::Kind::key) {
      // Keys keep the text they were written with: `0x1F:` names "0x1F".
      remember(anchor, Anchored{text, {{"", where}}, {}});
      accept_key(text, where);
      return;
    }
    if (slot.kind == Slot::Kind::dropped) {
      finish_dropped();
      return;
    }
    m_document.marks[slot.pointer] = where;
    remember(anchor, Anchored{value, {{"", where}}, {}});
    place(slot, std::move(value));
  }

  void accept_key(const std::string& key, const SourceMark& where)
  {
    Frame& top = m_stack.back();
    const auto pointer = diff::pointer_append(top.slot.pointer, key);
    top.key = key;
    top.key_mark = where;
    if (top.value.contains(key)) {
      const auto& first = m_document.key_marks[pointer];
      error(where, "duplicate key '" + key + "' (first at line " +
                       std::to_string(first.line) + ")");
      top.drop_value = true;
      return;
    }
    m_document.key_marks[pointer] = where;
  }

  void reject_key(const SourceMark& where)
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

  void start_collection(const YAML::Mark& mark, const std::string& tag,
                        YAML::anchor_t anchor, nlohmann::json empty,
                        std::string_view own_tag)
  {
    const auto where = m_mark_of(mark);
    if (tag != "?" && tag != "!" && tag != own_tag) {
      error(where, "unsupported tag '" + short_tag(tag) + "'");
    }
    Frame frame{std::move(empty), next_slot(), anchor, where, {}, {}, {}, {}};
    if (frame.slot.kind == Slot::Kind::key) {
      reject_key(where);
      frame.slot = {Slot::Kind::dropped, ""};
      frame.is_key = true;
    } else if (frame.slot.kind != Slot::Kind::dropped) {
      m_document.marks[frame.slot.pointer] = where;
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
    if (frame.anchor != YAML::NullAnchor) {
      remember(frame.anchor,
               Anchored{frame.value,
                        marks_under(m_document.marks, frame.slot.pointer),
                        marks_under(m_document.key_marks, frame.slot.pointer)});
    }
    place(frame.slot, std::move(frame.value));
  }

  void remember(YAML::anchor_t anchor, Anchored node)
  {
    if (anchor != YAML::NullAnchor) {
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

  std::string_view m_text;
  MarkMaker m_mark_of;
  std::vector<Diagnostic>& m_errors;
  std::vector<YamlDocument> m_documents;
  YamlDocument m_document;
  std::vector<Frame> m_stack;
  std::map<YAML::anchor_t, Anchored> m_anchors;
};

} // namespace

YamlFile parse_yaml(std::string text, const std::string& file)
{
  YamlFile result;
  result.bytes = std::move(text);
  std::string_view content = result.bytes;
  if (content.starts_with(k_utf8_bom)) {
    content.remove_prefix(k_utf8_bom.size());
  }

  std::istringstream stream{std::string(content)};
  DocumentBuilder builder(content, file, result.errors);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& failure) {
    const MarkMaker mark_of(content, file);
    result.errors.push_back(
        {mark_of(failure.mark), "invalid YAML: " + failure.msg});
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
