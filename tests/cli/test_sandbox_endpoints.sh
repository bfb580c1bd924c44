#!/usr/bin/env bash
# GET of one flow, unknown flows, unknown routes and wrong methods, with the
# exact bodies the vendor documents.
source "$SOURCE_DIR/tests/cli/lib.sh"

SEED="$SOURCE_DIR/examples/sandbox/flows.json"
FLOW=/v2/project-flows/project_flow_123456789

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

start_sandbox --seed "$SEED"

# The vendor's flow, as the seed holds it, in the documented envelope.
request GET "$FLOW"
expect_status 200
expect_json 'd["success"]' true \
  'd["data"]["_id"]' project_flow_123456789 \
  'd["data"]["project"]' project_123456789 \
  'd["data"]["type"]' onboarding \
  'd["data"]["status"]' draft \
  'd["data"]["version"]' 1 \
  'd["data"]["name"]' "Updated Onboarding Flow" \
  'd["data"]["description"]' "Updated description for the onboarding flow" \
  'd["data"]["configuration"]["phoneVerification"]["method"]' whatsapp \
  '[s["order"] for s in d["data"]["steps"]]' '[1, 2, 3]' \
  'd["data"]["client"]' client_123456789 \
  'd["data"]["createdAt"]' 2024-01-15T10:30:00Z \
  'd["data"]["updatedAt"]' 2024-01-15T10:35:00Z \
  'd["signature"]["message"]' "Certified by Verifik.co" \
  'bool(re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d\d [AP]M", d["signature"]["dateTime"]))' true
grep -qi '^content-type: application/json' "$WORK/headers" ||
  fail "GET answered without a JSON content type"

# The whole seed file is served as is.
request GET /v2/project-flows/project_flow_323456789
expect_status 200
python3 - "$SEED" "$WORK/body" <<'PY' || fail "served flow differs from the seed"
import json, sys
seed = {f["_id"]: f for f in json.load(open(sys.argv[1]))}
served = json.load(open(sys.argv[2]))["data"]
sys.exit(0 if served == seed[served["_id"]] else 1)
PY

request GET /v2/project-flows/no_such_flow
expect_status 404
expect_body '{"error":"Project flow not found","message":"PROJECT_FLOW_NOT_FOUND"}'

request PUT /v2/project-flows/no_such_flow '{"name":"x"}'
expect_status 404
expect_body '{"error":"Project flow not found","message":"PROJECT_FLOW_NOT_FOUND"}'

for path in /v2/other /v2/project-flows/a/b /v1/project-flows/x /; do
  request GET "$path"
  expect_status 404
  expect_body '{"error":"Not found","message":"ROUTE_NOT_FOUND"}'
done

for method in POST DELETE PATCH; do
  request "$method" "$FLOW"
  expect_status 405
  expect_body '{"error":"Method not allowed","message":"METHOD_NOT_ALLOWED"}'
  grep -qi '^allow: GET, PUT' "$WORK/headers" || fail "$method lacks Allow"
done

for method in PUT POST DELETE; do
  request "$method" /v2/project-flows '{}'
  expect_status 405
  grep -qi '^allow: GET' "$WORK/headers" || fail "$method lacks Allow"
done

# HEAD answers like GET, without a body.
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' -I \
  -H "Authorization: Bearer $VERIFIK_TOKEN" "$SANDBOX_URL$FLOW")
[ "$STATUS" = 200 ] || fail "HEAD answered $STATUS"

pass
