#!/usr/bin/env bash
# --ignore-puts: a valid PUT answers 200 with the flow exactly as it was and
# changes nothing, so clients can be tested against a server that does not
# converge. Invalid bodies and unknown flows are still refused.
source "$SOURCE_DIR/tests/cli/lib.sh"

# request METHOD PATH [BODY]: sets STATUS; body in $WORK/body, headers in
# $WORK/headers.
request() {
  local args=(-sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}'
    -X "$1" -H "Authorization: Bearer $VERIFIK_TOKEN")
  if [ $# -ge 3 ]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$3")
  fi
  STATUS=$(curl "${args[@]}" "$SANDBOX_URL$2")
}

expect_status() {
  [ "$STATUS" = "$1" ] || fail "expected HTTP $1, got $STATUS: $(cat "$WORK/body")"
}

expect_body() {
  [ "$(cat "$WORK/body")" = "$1" ] || fail "body is $(cat "$WORK/body"), expected $1"
}

# expect_json EXPR VALUE [EXPR VALUE]...: Python expressions over the body
# parsed as d, each printed as JSON unless it is a string.
expect_json() {
  python3 - "$WORK/body" "$@" <<'PY' || fail "unexpected body: $(cat "$WORK/body")"
import json, re, sys
d = json.load(open(sys.argv[1]))
pairs = sys.argv[2:]
ok = True
for expr, want in zip(pairs[::2], pairs[1::2]):
    got = eval(expr)
    got = got if isinstance(got, str) else json.dumps(got)
    if got != want:
        print(f"{expr} is {got}, expected {want}", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY
}
FLOW=/v2/project-flows/project_flow_123456789

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json" \
  --state "$WORK/state.json" --ignore-puts
cp "$WORK/state.json" "$WORK/state.before"
request GET "$FLOW"
cp "$WORK/body" "$WORK/before.json"

# same_flow FILE: the flow in FILE equals the one fetched at the start.
same_flow() {
  python3 - "$WORK/before.json" "$1" <<'PY' || fail "the flow changed: $(cat "$1")"
import json, sys
before, now = (json.load(open(p))["data"] for p in sys.argv[1:])
sys.exit(0 if before == now else 1)
PY
}

request PUT "$FLOW" '{"status":"active","configuration":{"phoneVerification":{"method":"sms"}}}'
expect_status 200
expect_json 'd["success"]' true 'd["data"]["status"]' draft
same_flow "$WORK/body"
request PUT "$FLOW" '{}'
expect_status 200
same_flow "$WORK/body"

request GET "$FLOW"
same_flow "$WORK/body"
cmp -s "$WORK/state.json" "$WORK/state.before" || fail "state file rewritten"

request PUT "$FLOW" '{"status":"archived"}'
expect_status 400
expect_body '{"error":"Invalid configuration","message":"INVALID_CONFIGURATION"}'
request PUT /v2/project-flows/missing '{"status":"active"}'
expect_status 404

pass
