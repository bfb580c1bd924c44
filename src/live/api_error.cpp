#include "live/api_error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <utility>

namespace flowctl::live {

namespace {

// Server words are shown as they are, but kept to one readable line.
constexpr std::size_t k_message_limit = 300;

bool is_upper_snake(std::string_view text)
{
  const bool has_letter = std::any_of(
      text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  const bool only_code_chars =
      std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      });
  return has_letter && only_code_chars;
}

std::optional<std::string> text_field(const nlohmann::json& object,
                                      const char* key)
{
  const auto it = object.find(key);
  if (it == object.end()) {
    return std::nullopt;
  }
  if (it->is_string()) {
    auto text = body_excerpt(it->get<std::string>(), k_message_limit);
    return text.empty() ? std::nullopt : std::optional(text);
  }
  if (it->is_number()) {
    return it->dump();
  }
  return std::nullopt;
}

// The words and the code, wherever this body keeps them.
struct Fields {
  std::optional<std::string> error;
  std::optional<std::string> message;
  std::optional<std::string> code;
};

Fields collect_fields(const nlohmann::json& body)
{
  Fields fields{text_field(body, "error"), text_field(body, "message"),
                text_field(body, "code")};
  const auto nested = body.find("error");
  if (nested != body.end() && nested->is_object()) {
    fields.error = text_field(*nested, "message");
    if (!fields.code) {
      fields.code = text_field(*nested, "code");
    }
  }
  return fields;
}

// Without an explicit code, an UPPER_SNAKE "message" or "error" is the code
// and the other one holds the words.
void find_code(Fields& fields)
{
  if (fields.code) {
    return;
  }
  if (fields.message && is_upper_snake(*fields.message)) {
    fields.code = std::exchange(fields.message, std::nullopt);
  } else if (fields.error && is_upper_snake(*fields.error)) {
    fields.code = std::exchange(fields.error, std::nullopt);
  }
}

std::string join_words(const Fields& fields)
{
  if (fields.error && fields.message && *fields.error != *fields.message) {
    return *fields.error + ": " + *fields.message;
  }
  if (fields.error) {
    return *fields.error;
  }
  return fields.message.value_or("");
}

std::string unreadable_body(std::string_view body, std::string_view kind)
{
  const auto excerpt = body_excerpt(body);
  if (excerpt.empty()) {
    return "empty response body";
  }
  return std::string(kind) + ": " + excerpt;
}

std::string_view status_words(long status)
{
  switch (status) {
  case 400:
    return "bad request";
  case 401:
    return "unauthorized";
  case 403:
    return "forbidden";
  case 404:
    return "not found";
  case 409:
    return "conflict";
  case 422:
    return "unprocessable entity";
  case 429:
    return "too many requests";
  default:
    return status >= 500 ? "server error" : "unexpected status";
  }
}

} // namespace

std::string ApiError::describe() const
{
  std::string text =
      status == 0 ? std::string() : "HTTP " + std::to_string(status);
  if (!code.empty()) {
    text += text.empty() ? code : " " + code;
  }
  if (!message.empty()) {
    text += text.empty() ? message : ": " + message;
  }
  if (attempts > 1) {
    text += " (gave up after " + std::to_string(attempts) + " attempts)";
  }
  return text;
}

ApiError parse_api_error(long status, std::string_view body)
{
  ApiError error{status, {}, {}};
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded()) {
    const auto first = body.find_first_not_of(" \t\r\n");
    const bool html = first != std::string_view::npos && body[first] == '<';
    error.message = unreadable_body(body, html ? "HTML response body"
                                               : "non-JSON response body");
    return error;
  }
  if (!json.is_object()) {
    error.message = unreadable_body(body, "unexpected JSON response body");
    return error;
  }

  auto fields = collect_fields(json);
  find_code(fields);
  error.code = fields.code.value_or("");
  error.message = join_words(fields);
  if (error.message.empty() && error.code.empty()) {
    error.message = unreadable_body(body, "unexpected error body");
  } else if (error.message.empty()) {
    error.message = std::string(status_words(status));
  }
  return error;
}

std::string body_excerpt(std::string_view text, std::size_t limit)
{
  std::string out;
  bool pending_space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (c < 0x21 || c > 0x7e) {
      continue;
    }
    if (out.size() + (pending_space ? 2 : 1) > limit) {
      return out + "...";
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(c);
  }
  return out;
}

} // namespace flowctl::live
