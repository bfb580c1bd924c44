# The vendor documentation's flow, live at status draft and phone method
# whatsapp, planned against the example file: exactly two changes.
source "$SOURCE_DIR/tests/cli/lib.sh"

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json"
cd "$SOURCE_DIR/examples"

run_flowctl plan --api-url "$SANDBOX_URL" flows/onboarding.yaml
expect_rc 0
expect_stdout_contains '~ status: "draft" -> "active"'
expect_stdout_contains \
  '~ configuration.phoneVerification.method: "whatsapp" -> "sms"'
expect_stdout_contains 'Plan: 1 to update, 0 unchanged, 0 failed.'
changes=$(grep -cE '^ +[~+-] ' "$WORK/out" || true)
[ "$changes" -eq 2 ] || fail "expected exactly 2 change lines, got $changes"

run_flowctl plan --api-url "$SANDBOX_URL" flows/onboarding.yaml \
  --format json
expect_rc 0
/usr/bin/python3 - "$WORK/out" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
flow, = plan["flows"]
got = [(c["path"], c["op"], c.get("before"), c.get("after"))
       for c in flow["changes"]]
want = [("status", "replace", "draft", "active"),
        ("configuration.phoneVerification.method", "replace",
         "whatsapp", "sms")]
assert sorted(got) == sorted(want), got
assert sorted(flow["body"]) == ["configuration", "status"], flow["body"]
PY

run_flowctl plan --api-url "$SANDBOX_URL" flows/onboarding.yaml \
  --detailed-exitcode
expect_rc 2
expect_no_token
pass
