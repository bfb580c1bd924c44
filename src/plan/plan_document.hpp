#pragma once

#include "plan/plan.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowctl::plan {

// A sensitive value in a plan document is written as {"$sensitive": DIGEST}:
// the document can be shared and stored while the value itself stays in the
// environment or the flow file it came from.
inline constexpr const char* k_sensitive_key = "$sensitive";

nlohmann::json sensitive_marker(const nlohmann::json& value);
bool is_sensitive_marker(const nlohmann::json& value);

// The plan as one JSON document: what `plan --format json` prints and what
// `plan --out` saves. Described by schemas/plan.schema.json.
nlohmann::json to_document(const Plan& plan);

// The document without its flows: "flows" is an empty array.
nlohmann::json document_head(const Plan& plan);

// The text of to_document(plan), indented by two, with "flows" as its last
// member and a closing newline; built one flow at a time: held as one JSON
// value, the document of 10,000 flows took 150 MB more than its text.
std::string document_text(const Plan& plan);

// The same for a document built on document_head, with `flows` in place of
// its "flows" member.
std::string document_text(const nlohmann::json& head,
                          const std::vector<FlowPlan>& flows);

// Takes a text piece by piece.
using TextSink = std::function<void(std::string_view)>;

// Gives document_text(head, flows) to `write` one flow at a time.
void write_document(const nlohmann::json& head,
                    const std::vector<FlowPlan>& flows, const TextSink& write);

struct DocumentResult {
  Plan plan;
  std::string error;
};

// Reads a document written by to_document. Sensitive values stay markers
// until restore_sensitive puts the real ones back.
DocumentResult from_document(const nlohmann::json& document);

// Reads the text of a saved plan as from_document reads its JSON, converting
// each flow as soon as it is parsed and dropping its JSON: held whole, the
// document of 10,000 flows took 200 MB. Null when the text is not a JSON
// object.
std::optional<DocumentResult> parse_document(const std::string& text);
std::optional<DocumentResult> parse_document(std::istream& in);

// Replaces every marker in `saved.body` with the value at the same place in
// `current` (the body re-derived from the files and live state of now) after
// checking that its digest is the one the plan recorded. Returns the pointers
// whose values no longer match; empty means the body is complete.
std::vector<std::string> restore_sensitive(nlohmann::json& saved,
                                           const nlohmann::json& current);

} // namespace flowctl::plan
