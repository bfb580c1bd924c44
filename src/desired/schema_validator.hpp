#pragma once

#include "desired/value_error.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace valijson {
class Schema;
class Validator;
} // namespace valijson

namespace flowctl::desired {

// Checks documents against one JSON Schema (draft-07) with valijson and
// words each failure for the person who wrote the document.
class SchemaValidator {
public:
  // A schema that does not parse is a defect of the build: every document
  // then fails with one error saying so.
  explicit SchemaValidator(std::string_view schema_text);
  ~SchemaValidator();
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // Every failure, phrased for a person:
  // `status: "actve" is not one of draft, active, paused`. The values at
  // the `hidden` pointers are shown as (sensitive).
  std::vector<ValueError>
  validate(const nlohmann::json& document,
           const std::vector<std::string>& hidden = {}) const;

private:
  nlohmann::json m_schema_json;
  std::unique_ptr<valijson::Schema> m_schema;
  std::string m_schema_error;
  // valijson's validator keeps the regular expressions of `pattern` once
  // compiled; one for all documents saves compiling them per document.
  mutable std::mutex m_validator_mutex;
  std::unique_ptr<valijson::Validator> m_validator;
};

// The validators for the schemas compiled into flowctl.
const SchemaValidator& project_flow_validator();
const SchemaValidator& config_validator();

} // namespace flowctl::desired
