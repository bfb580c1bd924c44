#include "desired/interpolation.hpp"

#include "diff/json_path.hpp"

#include <string_view>

namespace flowctl::desired {
namespace {

// One string after interpolation.
struct Expansion {
  std::string text;
  bool sensitive = false;
  std::vector<std::string> errors;
  std::vector<std::string> unset;
};

const char* const k_reference_help =
    "use ${env:NAME} or ${var:NAME}, or $${ for a literal ${";

void expand_reference(std::string_view inner,
                      const InterpolationSources& sources, Expansion& out)
{
  const auto colon = inner.find(':');
  const auto kind = inner.substr(0, colon);
  const std::string name(colon == std::string_view::npos
                             ? std::string_view()
                             : inner.substr(colon + 1));
  const std::string written = "${" + std::string(inner) + "}";
  if ((kind != "env" && kind != "var") || name.empty()) {
    out.errors.push_back("unknown reference '" + written + "' (" +
                         k_reference_help + ")");
    return;
  }
  if (kind == "env") {
    // Whatever the outcome, the value is meant to stay out of git.
    out.sensitive = true;
    if (auto value = sources.getenv(name)) {
      out.text += *value;
    } else {
      auto message = "environment variable '" + name + "' is not set";
      auto& list = sources.allow_unset_env ? out.unset : out.errors;
      list.push_back(std::move(message));
    }
    return;
  }
  const auto found = sources.vars.find(name);
  if (found == sources.vars.end()) {
    out.errors.push_back("variable '" + name + "' is not defined in vars");
    return;
  }
  out.text += found->second;
}

Expansion expand(std::string_view text, const InterpolationSources& sources)
{
  Expansion out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto dollar = text.find('$', i);
    out.text += text.substr(i, dollar - i);
    if (dollar == std::string_view::npos) {
      break;
    }
    const auto rest = text.substr(dollar);
    if (rest.starts_with("$${")) {
      out.text += "${";
      i = dollar + 3;
    } else if (rest.starts_with("${")) {
      const auto close = text.find('}', dollar + 2);
      if (close == std::string_view::npos) {
        out.errors.push_back(std::string("unterminated '${' (") +
                             k_reference_help + ")");
        out.text += rest;
        break;
      }
      expand_reference(text.substr(dollar + 2, close - dollar - 2), sources,
                       out);
      i = close + 1;
    } else {
      out.text += '$';
      i = dollar + 1;
    }
  }
  return out;
}

// `pointer` names `value`; each level appends its token and takes it off
// again, so a walk over a document without references allocates nothing.
void walk(nlohmann::json& value, std::string& pointer,
          const InterpolationSources& sources, InterpolationResult& result)
{
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.find('$') == std::string::npos) {
      return;
    }
    auto expansion = expand(text, sources);
    if (expansion.sensitive) {
      result.sensitive_pointers.push_back(pointer);
    }
    for (auto& message : expansion.errors) {
      result.errors.push_back({pointer, std::move(message), false});
    }
    if (!expansion.unset.empty()) {
      result.unresolved_pointers.push_back(pointer);
    }
    for (auto& message : expansion.unset) {
      result.unset.push_back({pointer, std::move(message), false});
    }
    value = std::move(expansion.text);
  } else if (value.is_object()) {
    const auto length = pointer.size();
    for (auto& [key, member] : value.get_ref<nlohmann::json::object_t&>()) {
      diff::append_token(pointer, key);
      walk(member, pointer, sources, result);
      pointer.resize(length);
    }
  } else if (value.is_array()) {
    const auto length = pointer.size();
    for (std::size_t i = 0; i < value.size(); ++i) {
      diff::append_token(pointer, std::to_string(i));
      walk(value[i], pointer, sources, result);
      pointer.resize(length);
    }
  }
}

} // namespace

InterpolationResult interpolate(nlohmann::json& document,
                                const InterpolationSources& sources)
{
  InterpolationResult result;
  std::string pointer;
  walk(document, pointer, sources, result);
  return result;
}

} // namespace flowctl::desired
