#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace flowctl::desired {

// Writes a live flow as a flow document: the id, then the updatable fields
// in a fixed order, under the schema comment editors understand. Strings
// are always double-quoted, so reading the file back under the YAML 1.2 core
// schema gives exactly the same values.
std::string write_flow_yaml(const nlohmann::json& flow,
                            const std::string& schema_path);

// A file name for a flow id that stays inside the export folder whatever the
// id holds; nullopt-like "" when the id is unusable.
std::string flow_file_name(const std::string& id);

} // namespace flowctl::desired
