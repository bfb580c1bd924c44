#include "desired/flow_loader.hpp"

#include "desired/file_prefetch.hpp"
#include "desired/flow_files.hpp"
#include "desired/flow_rules.hpp"
#include "desired/schema_validator.hpp"
#include "desired/yaml_loader.hpp"
#include "diff/canonical.hpp"
#include "diff/json_path.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>

namespace flowctl::desired {
namespace {

using nlohmann::json;
using Marks = std::map<std::string, SourceMark>;

// The document and its top-level fields: enough for a flow's `id` line.
constexpr std::size_t k_top_level_marks = 1;

// Threads that read files ahead: as many as there are cores, up to four,
// which is past the point where the checking that follows is the limit.
unsigned reading_threads()
{
  return std::clamp(std::thread::hardware_concurrency(), 1U, 4U);
}

// The one place digests of flow files are made, from the SHA-256 (hex) of
// each file's bytes.
std::string file_digest(const std::vector<const std::string*>& hexes)
{
  if (hexes.size() == 1) {
    return "sha256:" + *hexes.front();
  }
  std::string lines;
  for (const std::string* hex : hexes) {
    lines += "sha256:" + *hex + "\n";
  }
  return "sha256:" + diff::sha256_hex(lines);
}

bool at_or_under(const std::string& pointer, const std::string& root)
{
  return pointer == root ||
         (pointer.starts_with(root) && pointer.size() > root.size() &&
          pointer[root.size()] == '/');
}

void erase_under(Marks& marks, const std::string& root)
{
  std::erase_if(
      marks, [&](const auto& entry) { return at_or_under(entry.first, root); });
}

void copy_under(const Marks& from, Marks& to, const std::string& root)
{
  for (auto it = from.lower_bound(root);
       it != from.end() && at_or_under(it->first, root); ++it) {
    to[it->first] = it->second;
  }
}

// A document with its `extends` chain applied.
struct Layered {
  json value;
  Marks marks;
  Marks key_marks;
  std::vector<std::string> files; // its own file, then each base in turn
  SourceMark start;
};

void overlay_object(json& base, const json& top, const std::string& pointer,
                    Layered& into, const Layered& from)
{
  for (const auto& item : top.items()) {
    const auto child = diff::pointer_append(pointer, item.key());
    const auto found = base.find(item.key());
    if (found != base.end() && found->is_object() && item.value().is_object()) {
      copy_under(from.marks, into.marks, child);
      erase_under(into.key_marks, child);
      copy_under(from.key_marks, into.key_marks, child);
      overlay_object(*found, item.value(), child, into, from);
      continue;
    }
    erase_under(into.marks, child);
    erase_under(into.key_marks, child);
    copy_under(from.marks, into.marks, child);
    copy_under(from.key_marks, into.key_marks, child);
    base[item.key()] = item.value();
  }
}

// `top` merged over `base`: mappings key by key, anything else replaces.
Layered overlay(Layered base, const Layered& top)
{
  overlay_object(base.value, top.value, "", base, top);
  if (const auto root = top.marks.find(""); root != top.marks.end()) {
    base.marks[""] = root->second;
  }
  auto files = top.files;
  files.insert(files.end(), base.files.begin(), base.files.end());
  base.files = std::move(files);
  base.start = top.start;
  return base;
}

std::string type_name(const json& value)
{
  if (value.is_array()) {
    return "a sequence";
  }
  return value.is_string() ? "a string" : "a scalar";
}

std::string chain_text(const std::vector<std::string>& chain,
                       const std::string& last)
{
  std::string text;
  for (const auto& file : chain) {
    text += file + " -> ";
  }
  return text + last;
}

// A document of a listed file, once its bases are applied.
struct Candidate {
  std::string file;
  std::optional<Layered> layered;
};

// A flow built from a candidate, kept even when invalid so that duplicate
// ids are still found.
struct Entry {
  DesiredFlow flow;
  SourceMark id_mark;
  bool valid = false;
};

class FlowReader {
public:
  explicit FlowReader(const LoadOptions& options) : m_options(options) {}

  // Each listed file is read, checked and let go before the next, so that
  // what is held at the end is the flows, not every file's parse.
  LoadResult read(const std::vector<std::string>& paths)
  {
    auto listed = expand_flow_paths(paths, m_options.base_dir);
    m_errors = std::move(listed.errors);
    m_listed_count = listed.files.size();

    std::vector<Entry> entries;
    // A document without an id is a flow missing its id, unless some flow
    // extends its file: known only once every file is read.
    std::vector<Candidate> without_id;
    FilePrefetch prefetch(listed.files, k_top_level_marks, reading_threads());
    for (std::size_t i = 0; i < listed.files.size(); ++i) {
      read_listed_file(listed.files[i], prefetch.take(i), entries, without_id);
    }
    for (auto& candidate : without_id) {
      if (!m_bases.contains(candidate.file)) {
        entries.push_back(make_entry(candidate.file, *candidate.layered));
      }
    }
    check_unique_ids(entries);
    return finish(entries);
  }

private:
  void error(const SourceMark& mark, std::string message)
  {
    m_errors.push_back({mark, std::move(message)});
  }

  void fail(const std::string& file) { m_failed_files.insert(file); }

  // Records the digest of a file's bytes; its YAML errors are for the
  // caller to report.
  void remember_digest(const ParsedFile& file, const std::string& path)
  {
    if (file.read_error.empty()) {
      m_digests[path] = file.sha256_hex;
    }
  }

  ParsedFile read_file(const std::string& path, std::size_t mark_depth)
  {
    auto file = parse_file(path, mark_depth);
    remember_digest(file, path);
    return file;
  }

  // A base file, read once however many flows extend it.
  const ParsedFile& cached(const std::string& path)
  {
    const auto found = m_files.find(path);
    if (found != m_files.end()) {
      return found->second;
    }
    return m_files.emplace(path, read_file(path, k_all_marks)).first->second;
  }

  void report_yaml_errors(const ParsedFile& file)
  {
    m_errors.insert(m_errors.end(), file.yaml.errors.begin(),
                    file.yaml.errors.end());
  }

  // Marks are what problems are reported at, and keeping one for every
  // value of every file was most of the cost of reading. A listed file is
  // read with marks for its top-level fields only, which is all a valid flow
  // needs; a file with anything to report is read again with every mark, so
  // that each problem is placed exactly.
  void read_listed_file(const std::string& path, ParsedFile shallow,
                        std::vector<Entry>& entries,
                        std::vector<Candidate>& without_id)
  {
    const auto entries_before = entries.size();
    const auto without_id_before = without_id.size();
    std::vector<Diagnostic> errors;
    std::vector<Diagnostic> notes;
    std::swap(errors, m_errors);
    std::swap(notes, m_notes);
    read_listed_file(path, &shallow, k_top_level_marks, entries, without_id);
    const bool clean = m_errors.empty() && m_notes.empty() &&
                       !m_failed_files.contains(path) &&
                       without_id.size() == without_id_before;
    std::swap(errors, m_errors);
    std::swap(notes, m_notes);
    if (clean) {
      return;
    }
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(entries_before),
                  entries.end());
    without_id.erase(without_id.begin() +
                         static_cast<std::ptrdiff_t>(without_id_before),
                     without_id.end());
    m_failed_files.erase(path);
    read_listed_file(path, nullptr, k_all_marks, entries, without_id);
  }

  // `parsed` is the file already read at `mark_depth`, or null to read it.
  void read_listed_file(const std::string& path, ParsedFile* parsed,
                        std::size_t mark_depth, std::vector<Entry>& entries,
                        std::vector<Candidate>& without_id)
  {
    for (auto& candidate : read_candidates(path, parsed, mark_depth)) {
      if (!candidate.layered) {
        continue;
      }
      if (candidate.layered->value.contains("id")) {
        entries.push_back(make_entry(candidate.file, *candidate.layered));
      } else {
        without_id.push_back(std::move(candidate));
      }
    }
  }

  std::vector<Candidate> read_candidates(const std::string& path,
                                         ParsedFile* parsed,
                                         std::size_t mark_depth)
  {
    std::vector<Candidate> candidates;
    // A listed file that is also a base is already parsed in full; any
    // other is used for this call only, and its documents are moved from.
    ParsedFile own;
    const auto found = m_files.find(path);
    const bool shared = found != m_files.end();
    if (!shared) {
      own =
          parsed != nullptr ? std::move(*parsed) : parse_file(path, mark_depth);
      remember_digest(own, path);
    }
    auto& file = shared ? found->second : own;
    if (!file.read_error.empty()) {
      error({path, 0, 0}, "cannot read: " + file.read_error);
      fail(path);
      return candidates;
    }
    if (!file.yaml.errors.empty()) {
      report_yaml_errors(file);
      fail(path);
    }
    for (auto& document : file.yaml.documents) {
      // An empty document (a stray `---`) declares nothing.
      if (document.value.is_null()) {
        continue;
      }
      std::vector<std::string> chain{path};
      const auto before = m_errors.size();
      auto layered = shared ? resolve(YamlDocument(document), path, chain)
                            : resolve(std::move(document), path, chain);
      if (!layered || m_errors.size() != before) {
        fail(path);
      }
      candidates.push_back({path, std::move(layered)});
    }
    return candidates;
  }

  std::optional<Layered> resolve(YamlDocument document, const std::string& file,
                                 std::vector<std::string>& chain)
  {
    if (!document.value.is_object()) {
      error(nearest_mark(document.marks, ""),
            "a flow document must be a mapping, not " +
                type_name(document.value));
      return std::nullopt;
    }
    Layered own{std::move(document.value),
                std::move(document.marks),
                std::move(document.key_marks),
                {file},
                document.start};
    const auto extends = own.value.find("extends");
    // A non-string `extends` is left for the schema to report.
    if (extends == own.value.end() || !extends->is_string()) {
      return own;
    }
    auto base = load_base(own, extends->get<std::string>(), chain);
    if (!base) {
      return std::nullopt;
    }
    return overlay(std::move(*base), own);
  }

  std::optional<Layered> load_base(const Layered& own,
                                   const std::string& target,
                                   std::vector<std::string>& chain)
  {
    const auto mark = nearest_mark(own.marks, "/extends");
    const auto directory =
        std::filesystem::path(own.files.front()).parent_path().string();
    const auto path = join_path(directory, target);
    if (std::find(chain.begin(), chain.end(), path) != chain.end()) {
      error(mark, "extends cycle: " + chain_text(chain, path));
      return std::nullopt;
    }

    const auto& file = cached(path);
    if (!file.read_error.empty()) {
      error(mark, "extends: cannot read '" + path + "': " + file.read_error);
      return std::nullopt;
    }
    if (!file.yaml.errors.empty()) {
      report_yaml_errors(file);
      return std::nullopt;
    }
    std::vector<const YamlDocument*> documents;
    for (const auto& document : file.yaml.documents) {
      if (!document.value.is_null()) {
        documents.push_back(&document);
      }
    }
    if (documents.size() != 1) {
      error(mark, "extends: '" + path +
                      "' must hold exactly one document, it holds " +
                      std::to_string(documents.size()));
      return std::nullopt;
    }

    chain.push_back(path);
    auto base = resolve(*documents.front(), path, chain);
    chain.pop_back();
    if (base) {
      m_bases.insert(path);
      base->value.erase("id");
      erase_under(base->marks, "/id");
      erase_under(base->key_marks, "/id");
    }
    return base;
  }

  static void place(const std::vector<ValueError>& problems,
                    const Layered& layered, std::vector<Diagnostic>& into)
  {
    for (const auto& problem : problems) {
      const auto& marks = problem.at_key ? layered.key_marks : layered.marks;
      auto mark = nearest_mark(marks, problem.pointer);
      if (mark.file.empty()) {
        mark = layered.start;
      }
      into.push_back({mark, problem.message});
    }
  }

  void report(const std::vector<ValueError>& problems, const Layered& layered)
  {
    place(problems, layered, m_errors);
  }

  // A string that misses an unset variable holds no real value, so what is
  // said about that value is left out; problems with keys still count.
  static std::vector<ValueError>
  without_unresolved(std::vector<ValueError> problems,
                     const std::vector<std::string>& unresolved)
  {
    std::erase_if(problems, [&](const ValueError& problem) {
      return !problem.at_key &&
             std::any_of(unresolved.begin(), unresolved.end(),
                         [&](const std::string& pointer) {
                           return at_or_under(problem.pointer, pointer);
                         });
    });
    return problems;
  }

  // Checks one document and makes its flow, moving from `layered`.
  Entry make_entry(const std::string& file, Layered& layered)
  {
    const auto before = m_errors.size();
    const InterpolationSources sources{m_options.vars, m_options.getenv,
                                       m_options.allow_unset_env};
    const auto interpolation = interpolate(layered.value, sources);
    report(interpolation.errors, layered);
    place(interpolation.unset, layered, m_notes);
    const auto& hidden = interpolation.sensitive_pointers;
    const auto& unresolved = interpolation.unresolved_pointers;
    report(without_unresolved(
               project_flow_validator().validate(layered.value, hidden),
               unresolved),
           layered);
    report(
        without_unresolved(check_flow_rules(layered.value, m_options.list_keys,
                                            layered.marks, hidden),
                           unresolved),
        layered);

    Entry entry;
    entry.valid = m_errors.size() == before;
    if (!entry.valid) {
      fail(file);
    }
    entry.id_mark = nearest_mark(layered.marks, "/id");
    entry.flow = to_flow(file, layered, interpolation.sensitive_pointers);
    return entry;
  }

  DesiredFlow to_flow(const std::string& file, Layered& layered,
                      const std::vector<std::string>& sensitive)
  {
    DesiredFlow flow;
    const auto id = layered.value.find("id");
    if (id != layered.value.end() && id->is_string()) {
      flow.id = id->get<std::string>();
    }
    flow.file = file;
    flow.mark = nearest_mark(layered.key_marks, "/id");
    if (flow.mark.file.empty()) {
      flow.mark = layered.start;
    }
    // Moved: nothing reads the document after this. Its memory came from
    // a reading thread, so freeing it here does not make it reusable here;
    // for 10,000 flows that costs 1.5 MB of peak memory, and copying to
    // avoid it cost a fifth of validate's time.
    flow.fields = std::move(layered.value);
    flow.fields.erase("id");
    flow.fields.erase("extends");
    const auto unmanaged = [](const std::string& pointer) {
      return at_or_under(pointer, "/id") || at_or_under(pointer, "/extends");
    };
    for (const auto& pointer : sensitive) {
      if (!unmanaged(pointer)) {
        flow.sensitive_pointers.push_back(pointer);
      }
    }
    std::vector<const std::string*> hexes;
    for (const auto& path : layered.files) {
      hexes.push_back(&m_digests.at(path));
    }
    flow.file_digest = file_digest(hexes);
    return flow;
  }

  void check_unique_ids(const std::vector<Entry>& entries)
  {
    std::map<std::string, const Entry*> first;
    for (const auto& entry : entries) {
      if (entry.flow.id.empty()) {
        continue;
      }
      const auto [found, inserted] = first.emplace(entry.flow.id, &entry);
      if (inserted) {
        continue;
      }
      const auto& other = found->second->id_mark;
      error(entry.id_mark, "duplicate flow id '" + entry.flow.id +
                               "' (first at " + other.file + ":" +
                               std::to_string(other.line) + ")");
      fail(entry.flow.file);
    }
  }

  LoadResult finish(std::vector<Entry>& entries)
  {
    LoadResult result;
    for (auto& entry : entries) {
      if (entry.valid && !m_failed_files.contains(entry.flow.file)) {
        result.flows.push_back(std::move(entry.flow));
      }
    }
    std::sort(result.flows.begin(), result.flows.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });

    // A broken base file is met once per flow that extends it.
    result.errors = sorted_unique(std::move(m_errors));
    result.notes = sorted_unique(std::move(m_notes));

    spdlog::debug("desired: {} flows from {} files, {} errors",
                  result.flows.size(), m_listed_count, result.errors.size());
    return result;
  }

  static std::vector<Diagnostic>
  sorted_unique(std::vector<Diagnostic> diagnostics)
  {
    sort_by_position(diagnostics);
    std::vector<Diagnostic> unique;
    std::set<std::string> seen;
    for (auto& diagnostic : diagnostics) {
      if (seen.insert(diagnostic.to_string()).second) {
        unique.push_back(std::move(diagnostic));
      }
    }
    return unique;
  }

  const LoadOptions& m_options;
  std::map<std::string, ParsedFile> m_files;    // bases only
  std::map<std::string, std::string> m_digests; // path -> SHA-256 hex
  std::size_t m_listed_count = 0;
  std::set<std::string> m_bases;
  std::set<std::string> m_failed_files;
  std::vector<Diagnostic> m_errors;
  std::vector<Diagnostic> m_notes;
};

} // namespace

EnvLookup process_environment()
{
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  };
}

LoadResult load_flows(const std::vector<std::string>& paths,
                      const LoadOptions& options)
{
  return FlowReader(options).read(paths);
}

} // namespace flowctl::desired
