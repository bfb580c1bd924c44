#include "diff/json_path.hpp"

#include <algorithm>

namespace flowctl::diff {

namespace {

std::string unescape(std::string_view token)
{
  std::string text;
  text.reserve(token.size());
  for (std::size_t i = 0; i < token.size(); ++i) {
    const bool escape = token[i] == '~' && i + 1 < token.size();
    if (escape && token[i + 1] == '0') {
      text += '~';
      ++i;
    } else if (escape && token[i + 1] == '1') {
      text += '/';
      ++i;
    } else {
      text += token[i];
    }
  }
  return text;
}

bool segment_matches(const std::string& pattern, const std::string& segment)
{
  return pattern == "*" || pattern == segment;
}

// How many leading segments of the pattern and the pointer agree, and
// whether either was not usable at all.
struct Alignment {
  bool valid = false;
  std::size_t pattern_size = 0;
  std::size_t pointer_size = 0;
  std::size_t agreeing = 0;
};

Alignment align(std::string_view pattern, std::string_view pointer)
{
  Alignment result;
  if (check_pattern(pattern) || (!pointer.empty() && pointer[0] != '/')) {
    return result;
  }

  const auto pattern_parts = pointer_tokens(pattern);
  const auto pointer_parts = pointer_tokens(pointer);
  result.valid = true;
  result.pattern_size = pattern_parts.size();
  result.pointer_size = pointer_parts.size();

  const std::size_t common =
      std::min(pattern_parts.size(), pointer_parts.size());
  while (result.agreeing < common &&
         segment_matches(pattern_parts[result.agreeing],
                         pointer_parts[result.agreeing])) {
    ++result.agreeing;
  }
  return result;
}

} // namespace

void append_token(std::string& pointer, std::string_view token)
{
  pointer.reserve(pointer.size() + token.size() + 1);
  pointer += '/';
  for (const char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

std::string pointer_append(const std::string& pointer, std::string_view token)
{
  std::string result = pointer;
  append_token(result, token);
  return result;
}

std::vector<std::string> pointer_tokens(std::string_view pointer)
{
  std::vector<std::string> tokens;
  if (pointer.empty() || pointer[0] != '/') {
    return tokens;
  }

  std::size_t start = 1;
  while (true) {
    const std::size_t end = pointer.find('/', start);
    tokens.push_back(unescape(pointer.substr(start, end - start)));
    if (end == std::string_view::npos) {
      return tokens;
    }
    start = end + 1;
  }
}

std::optional<std::string> check_pattern(std::string_view pattern)
{
  const auto quoted = [&] { return "\"" + std::string(pattern) + "\""; };
  if (pattern.empty() || pattern[0] != '/') {
    return "pattern " + quoted() + " must start with '/'";
  }
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '~') {
      continue;
    }
    if (i + 1 == pattern.size() ||
        (pattern[i + 1] != '0' && pattern[i + 1] != '1')) {
      return "pattern " + quoted() + " has a '~' not followed by '0' or '1'";
    }
  }
  return std::nullopt;
}

bool pattern_matches(std::string_view pattern, std::string_view pointer)
{
  const Alignment a = align(pattern, pointer);
  return a.valid && a.pattern_size == a.pointer_size &&
         a.agreeing == a.pattern_size;
}

bool pattern_covers(std::string_view pattern, std::string_view pointer)
{
  const Alignment a = align(pattern, pointer);
  return a.valid && a.pattern_size <= a.pointer_size &&
         a.agreeing == a.pattern_size;
}

bool pattern_within(std::string_view pattern, std::string_view pointer)
{
  const Alignment a = align(pattern, pointer);
  return a.valid && a.pointer_size <= a.pattern_size &&
         a.agreeing == a.pointer_size;
}

bool any_pattern_covers(const std::vector<std::string>& patterns,
                        std::string_view pointer)
{
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& pattern) {
                       return pattern_covers(pattern, pointer);
                     });
}

bool any_pattern_within(const std::vector<std::string>& patterns,
                        std::string_view pointer)
{
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& pattern) {
                       return pattern_within(pattern, pointer);
                     });
}

} // namespace flowctl::diff
