#include "plan/digest_key.hpp"
#include "plan/plan_document.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace flowctl::plan;

// The key is process-wide; each case puts the empty key back.
TEST_CASE("digests of content are keyed with the token")
{
  set_digest_key("token-a");
  const auto with_a = content_digest("secret");
  // HMAC-SHA256 of the canonical text "\"secret\"" under "token-a".
  CHECK(with_a == "hmac-sha256:22aeadc1617fbf14d9a05835101f6049"
                  "d8b879fca80c330ea258769e68cb7655");
  const auto id_a = digest_key_id();
  CHECK(sensitive_marker("secret")[k_sensitive_key] == with_a);

  set_digest_key("token-b");
  CHECK(content_digest("secret") != with_a);
  CHECK(digest_key_id() != id_a);
  // The id names the key without being a digest of it.
  CHECK(digest_key_id().find("token-b") == std::string::npos);
  set_digest_key("");
}
