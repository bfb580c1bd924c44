#include "apply/secret_scrub.hpp"

#include "diff/diff.hpp"

#include <algorithm>

namespace flowctl::apply {

namespace {

constexpr std::size_t k_min_secret_chars = 4;

void collect_strings(const nlohmann::json& value, std::vector<std::string>& out)
{
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() >= k_min_secret_chars) {
      out.push_back(text);
    }
    return;
  }
  if (value.is_structured()) {
    for (const auto& item : value) {
      collect_strings(item, out);
    }
  }
}

void collect_secrets(const nlohmann::json& fields,
                     const std::vector<std::string>& sensitive,
                     std::vector<std::string>& out)
{
  diff::redact(fields, "", sensitive, [&out](const nlohmann::json& value) {
    collect_strings(value, out);
    return value;
  });
}

void replace_all(std::string& text, const std::string& secret)
{
  std::string::size_type at = 0;
  while ((at = text.find(secret, at)) != std::string::npos) {
    text.replace(at, secret.size(), k_scrubbed_text);
    at += std::char_traits<char>::length(k_scrubbed_text);
  }
}

} // namespace

std::vector<std::string> secret_strings(const plan::FlowPlan& flow)
{
  std::vector<std::string> secrets;
  if (flow.sensitive.empty()) {
    return secrets;
  }
  collect_secrets(flow.desired.value(), flow.sensitive, secrets);
  collect_secrets(flow.body, flow.sensitive, secrets);
  // Longest first, so a secret that contains another is hidden whole.
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) {
              return a.size() != b.size() ? a.size() > b.size() : a < b;
            });
  secrets.erase(std::unique(secrets.begin(), secrets.end()), secrets.end());
  return secrets;
}

std::string scrub_secrets(std::string text, const plan::FlowPlan& flow)
{
  for (const auto& secret : secret_strings(flow)) {
    replace_all(text, secret);
  }
  return text;
}

} // namespace flowctl::apply
