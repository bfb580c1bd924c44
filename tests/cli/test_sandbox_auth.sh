#!/usr/bin/env bash
# Every request needs "Authorization: Bearer <token>"; anything else is a
# 401 that changes nothing, whatever the route or method.
source "$SOURCE_DIR/tests/cli/lib.sh"

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
UNAUTHORIZED='{"error":"Unauthorized","message":"INVALID_TOKEN"}'

# call METHOD PATH [CURL ARGS...]: sets STATUS, with no token of its own.
call() {
  local method=$1 path=$2
  shift 2
  STATUS=$(curl -sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' \
    -X "$method" "$@" "$SANDBOX_URL$path")
}

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json" --state "$WORK/state.json"
cp "$WORK/state.json" "$WORK/state.before"

bad_headers=(
  ""
  "Authorization: Bearer wrong-token"
  "Authorization: Bearer ${VERIFIK_TOKEN}x"
  "Authorization: Bearer x${VERIFIK_TOKEN}"
  "Authorization: Bearer  $VERIFIK_TOKEN"
  "Authorization: Bearer"
  "Authorization: Bearer "
  "Authorization: $VERIFIK_TOKEN"
  "Authorization: Basic $VERIFIK_TOKEN"
  "Authorization: Token $VERIFIK_TOKEN"
  "X-Authorization: Bearer $VERIFIK_TOKEN"
)
for header in "${bad_headers[@]}"; do
  for target in "GET $FLOW" "GET /v2/project-flows" "GET /nowhere" "DELETE $FLOW"; do
    call ${target% *} ${target#* } -H "$header"
    [ "$STATUS" = 401 ] || fail "'$header' on $target answered $STATUS"
    expect_body "$UNAUTHORIZED"
    grep -qi '^www-authenticate: Bearer' "$WORK/headers" ||
      fail "401 without WWW-Authenticate"
  done
  call PUT "$FLOW" -H "$header" --data-binary '{"status":"active"}'
  expect_status 401
  expect_body "$UNAUTHORIZED"
done

# None of the refused PUTs reached the store or the state file.
cmp -s "$WORK/state.json" "$WORK/state.before" || fail "a 401 PUT changed state"
call GET "$FLOW" -H "Authorization: Bearer $VERIFIK_TOKEN"
expect_status 200
expect_json 'd["data"]["status"]' draft 'd["data"]["version"]' 1

# The scheme is case-insensitive, as HTTP says; the token is not.
call GET "$FLOW" -H "Authorization: bearer $VERIFIK_TOKEN"
expect_status 200
call GET "$FLOW" -H "Authorization: BEARER $VERIFIK_TOKEN"
expect_status 200
call GET "$FLOW" -H "Authorization: Bearer ${VERIFIK_TOKEN^^}"
expect_status 401

# The sandbox never prints the token, not even about refused requests.
expect_no_token "$WORK/sandbox.out" "$WORK/sandbox.log"

pass
