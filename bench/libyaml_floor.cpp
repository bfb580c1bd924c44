// The least any reader built on libyaml can spend on a folder of flow files:
// each file is read whole and libyaml's event parser runs over it, and
// nothing is built from the events. bench/run.sh compares flowctl validate
// with it.
//
//   libyaml_floor DIR     prints "N files, M events"; exit 1 on any error

#include <yaml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

// Counts the events of one YAML stream; false when libyaml reports an error.
bool parse_events(const std::string& text, long& events)
{
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) {
    return false;
  }
  yaml_parser_set_input_string(
      &parser, reinterpret_cast<const unsigned char*>(text.data()),
      text.size());
  bool ok = true;
  for (bool end = false; !end;) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      ok = false;
      break;
    }
    end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
  }
  yaml_parser_delete(&parser);
  return ok;
}

} // namespace

int main(int argc, char** argv)
{
  if (argc != 2) {
    std::fprintf(stderr, "usage: libyaml_floor DIR\n");
    return 1;
  }
  long files = 0;
  long events = 0;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(argv[1], error)) {
    if (entry.path().extension() != ".yaml") {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text(entry.file_size(), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) {
      std::fprintf(stderr, "%s: not read\n", entry.path().c_str());
      return 1;
    }
    if (!parse_events(text, events)) {
      std::fprintf(stderr, "%s: not parsed\n", entry.path().c_str());
      return 1;
    }
    ++files;
  }
  if (error) {
    std::fprintf(stderr, "%s: %s\n", argv[1], error.message().c_str());
    return 1;
  }
  std::printf("%ld files, %ld events\n", files, events);
  return 0;
}
