#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowctl::diff {

// Appends one reference token to a JSON pointer, escaping '~' as "~0" and
// '/' as "~1".
std::string pointer_append(const std::string& pointer, std::string_view token);

// The same in place, for walks that take the token off again afterwards.
void append_token(std::string& pointer, std::string_view token);

// The unescaped reference tokens of a JSON pointer. The root pointer "" has
// none, and so has text that is not a pointer (it lacks the leading '/').
std::vector<std::string> pointer_tokens(std::string_view pointer);

// Ignore and sensitive patterns are JSON pointers in which a segment "*"
// matches any one segment. Returns why `pattern` is not one, or nullopt.
// An invalid pattern matches nothing.
std::optional<std::string> check_pattern(std::string_view pattern);

// The pattern matches `pointer` itself.
bool pattern_matches(std::string_view pattern, std::string_view pointer);

// The pattern matches `pointer` or one of its ancestors: the value at
// `pointer` is at or under a matched path.
bool pattern_covers(std::string_view pattern, std::string_view pointer);

// The pattern matches `pointer` or something under it: the value at
// `pointer` contains a matched path.
bool pattern_within(std::string_view pattern, std::string_view pointer);

bool any_pattern_covers(const std::vector<std::string>& patterns,
                        std::string_view pointer);
bool any_pattern_within(const std::vector<std::string>& patterns,
                        std::string_view pointer);

} // namespace flowctl::diff
