#pragma once

namespace flowctl::desired {

// The text of schemas/<name>.schema.json, compiled in at build time.
extern const char* const k_project_flow_schema;
extern const char* const k_flowctl_config_schema;
extern const char* const k_plan_schema;

} // namespace flowctl::desired
