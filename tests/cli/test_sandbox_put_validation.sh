#!/usr/bin/env bash
# Every rule of the PUT body: each refusal answers the documented 400 and
# leaves the flow exactly as it was.
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
FLOW=/v2/project-flows/project_flow_223456789
start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json"

request GET "$FLOW"
expect_status 200
cp "$WORK/body" "$WORK/before.json"

refused=(
  # not a JSON object
  '' 'not json' '{"name":' '{"name":"x"} trailing' '[]' '"name"' '42' 'null'
  '[{"name":"x"}]'
  # server-managed, unknown or misspelt fields
  '{"_id":"other"}' '{"version":9}' '{"updatedAt":"2030-01-01T00:00:00Z"}'
  '{"createdAt":"2030-01-01T00:00:00Z"}' '{"project":"p"}' '{"client":"c"}'
  '{"type":"kyc"}' '{"__v":0}' '{"stauts":"active"}' '{"Name":"x"}'
  '{"name":"fine","version":9}'
  # wrong types
  '{"name":1}' '{"name":null}' '{"name":["x"]}' '{"description":false}'
  '{"description":{}}'
  # status outside draft|active|paused
  '{"status":"archived"}' '{"status":"Active"}' '{"status":""}' '{"status":1}'
  '{"status":null}'
  # configuration must be an object
  '{"configuration":[]}' '{"configuration":"x"}' '{"configuration":null}'
  '{"configuration":1}'
  # steps: an array of objects with a string stepType and a unique integer order
  '{"steps":{}}' '{"steps":"email"}' '{"steps":null}' '{"steps":[1]}'
  '{"steps":[[]]}' '{"steps":[{"order":1}]}'
  '{"steps":[{"stepType":1,"order":1}]}'
  '{"steps":[{"stepType":null,"order":1}]}'
  '{"steps":[{"stepType":"email"}]}'
  '{"steps":[{"stepType":"email","order":"1"}]}'
  '{"steps":[{"stepType":"email","order":1.5}]}'
  '{"steps":[{"stepType":"email","order":null}]}'
  '{"steps":[{"stepType":"email","order":1},{"stepType":"phone","order":1}]}'
  '{"name":"fine","steps":[{"stepType":"email","order":1},{"stepType":"x"}]}'
)
for body in "${refused[@]}"; do
  request PUT "$FLOW" "$body"
  [ "$STATUS" = 400 ] || fail "body '$body' answered $STATUS: $(cat "$WORK/body")"
  expect_body '{"error":"Invalid configuration","message":"INVALID_CONFIGURATION"}'
done

# Bytes that are not UTF-8 are not JSON either.
printf '{"name":"\xff\xfe"}' >"$WORK/latin.json"
STATUS=$(curl -sS -o "$WORK/body" -w '%{http_code}' -X PUT \
  -H "Authorization: Bearer $VERIFIK_TOKEN" --data-binary "@$WORK/latin.json" \
  "$SANDBOX_URL$FLOW")
expect_status 400

# A body nested far deeper than any flow is refused, and the sandbox lives.
python3 -c 'print("{\"configuration\":{\"a\":" + "[" * 200000 +
  "]" * 200000 + "}}")' >"$WORK/deep.json"
STATUS=$(curl -sS -o "$WORK/body" -w '%{http_code}' -X PUT \
  -H "Authorization: Bearer $VERIFIK_TOKEN" \
  -H 'Content-Type: application/json' --data-binary "@$WORK/deep.json" \
  "$SANDBOX_URL$FLOW")
expect_status 400
expect_body '{"error":"Invalid configuration","message":"INVALID_CONFIGURATION"}'

# A PUT without any body framing is a PUT with an empty body.
STATUS=$(curl -sS -o "$WORK/body" -w '%{http_code}' -X PUT \
  -H "Authorization: Bearer $VERIFIK_TOKEN" "$SANDBOX_URL$FLOW")
expect_status 400

# Nothing above touched the flow, not even updatedAt.
request GET "$FLOW"
python3 - "$WORK/before.json" "$WORK/body" <<'PY' || fail "a refused PUT changed the flow"
import json, sys
before, after = (json.load(open(p))["data"] for p in sys.argv[1:])
sys.exit(0 if before == after else 1)
PY

# The documented shapes pass: every field at once, and steps whose orders
# are unique integers (extra step keys are the flow's business).
request PUT "$FLOW" '{"name":"n","description":"d","status":"paused","configuration":{},"steps":[{"stepType":"email","order":2,"extra":[1]},{"stepType":"phone","order":1}]}'
expect_status 200
request PUT "$FLOW" '{"steps":[]}'
expect_status 200
request PUT "$FLOW" '{}'
expect_status 200

pass
