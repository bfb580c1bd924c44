#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace flowctl::plan {

// Plan files and audit logs travel: pull-request artifacts, CI logs. The
// digests in them that stand for flow content, sensitive values above all,
// are keyed with the API token, so that nobody without it can find a short
// secret by trying guesses against its digest; whoever holds the token can
// read the flows anyway. Set once, before any planning, from the token;
// until then the key is empty.
void set_digest_key(std::string key);

// "hmac-sha256:..." of the value's canonical text under the key.
std::string content_digest(const nlohmann::json& value);

// Names the key without revealing it, so that apply tells a plan made with
// another token from a stale one.
std::string digest_key_id();

} // namespace flowctl::plan
