#!/usr/bin/env bash
# --log-requests: one stderr line per request, and for every PUT the body as
# received on the next line, so tests can check what a client sent. Without
# it stderr stays quiet. stdout only ever holds the "listening on" line.
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
# stop_sandbox, and forget its "listening on" line so the next
# start_sandbox cannot read the old port before the new process starts.
stop_sandbox_clean() {
  stop_sandbox
  rm -f "$WORK/sandbox.out"
}

FLOW=/v2/project-flows/project_flow_123456789
SEED="$SOURCE_DIR/examples/sandbox/flows.json"

start_sandbox --seed "$SEED" --log-requests
request GET "$FLOW"
request GET '/v2/project-flows?limit=2&status=draft'
request PUT "$FLOW" '{"status":"active","name":"Logged"}'
expect_status 200
request PUT "$FLOW" '{"version":2}'
expect_status 400
request PUT "$FLOW" '{
  "name": "Pretty"
}'
expect_status 200
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT \
  --data-binary '{"name":"no token"}' "$SANDBOX_URL$FLOW")
expect_status 401
request GET /v2/project-flows/missing
request DELETE "$FLOW"

cat >"$WORK/expected.log" <<'LOG'
GET /v2/project-flows/project_flow_123456789 200
GET /v2/project-flows?limit=2&status=draft 200
PUT /v2/project-flows/project_flow_123456789 200
{"status":"active","name":"Logged"}
PUT /v2/project-flows/project_flow_123456789 400
{"version":2}
PUT /v2/project-flows/project_flow_123456789 200
{\n  "name": "Pretty"\n}
PUT /v2/project-flows/project_flow_123456789 401
{"name":"no token"}
GET /v2/project-flows/missing 404
DELETE /v2/project-flows/project_flow_123456789 405
LOG
diff -u "$WORK/expected.log" "$WORK/sandbox.log" >&2 || fail "request log differs"
expect_no_token "$WORK/sandbox.log"
[ "$(cat "$WORK/sandbox.out")" = "listening on ${SANDBOX_URL#http://}" ] ||
  fail "stdout holds more than the listening line: $(cat "$WORK/sandbox.out")"
stop_sandbox_clean

# Quiet by default.
start_sandbox --seed "$SEED"
request GET "$FLOW"
request PUT "$FLOW" '{"name":"quiet"}'
request PUT "$FLOW" 'nonsense'
[ ! -s "$WORK/sandbox.log" ] || fail "stderr not quiet: $(cat "$WORK/sandbox.log")"

pass
