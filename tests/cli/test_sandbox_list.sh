#!/usr/bin/env bash
# GET /v2/project-flows: pagination, the limit cap, filters, stable order,
# items without configuration and steps, and refused parameters.
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
# 150 flows written out of order, spread over two projects, three types and
# three statuses.
python3 - "$WORK/seed.json" <<'PY'
import json, random, sys
flows = []
for i in range(150):
    flows.append({
        "_id": f"flow_{i:03d}",
        "project": "project_a" if i % 2 == 0 else "project_b",
        "type": ["onboarding", "login", "kyc"][i % 3],
        "status": ["draft", "active", "paused"][i % 5 % 3],
        "version": 1, "name": f"Flow {i}", "description": "",
        "configuration": {"emailVerification": {"enabled": True}},
        "steps": [{"stepType": "email", "order": 1}],
        "client": "client_1", "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-01T00:00:00Z"})
random.Random(7).shuffle(flows)
json.dump(flows, open(sys.argv[1], "w"))
PY
start_sandbox --seed "$WORK/seed.json"

# Defaults: page 1, limit 20, ordered by _id.
request GET /v2/project-flows
expect_status 200
expect_json 'd["success"]' true \
  'd["pagination"]' '{"page": 1, "limit": 20, "total": 150, "pages": 8}' \
  'len(d["data"])' 20 \
  '[f["_id"] for f in d["data"]] == [f"flow_{i:03d}" for i in range(20)]' true \
  'any("configuration" in f or "steps" in f for f in d["data"])' false \
  'sorted(d["data"][0])' '["_id", "client", "createdAt", "description", "name", "project", "status", "type", "updatedAt", "version"]'

request GET '/v2/project-flows?page=3&limit=40'
expect_status 200
expect_json 'd["pagination"]' '{"page": 3, "limit": 40, "total": 150, "pages": 4}' \
  '[f["_id"] for f in d["data"]] == [f"flow_{i:03d}" for i in range(80, 120)]' true

# The last page is short; past the end the page is empty.
request GET '/v2/project-flows?page=4&limit=40'
expect_json 'len(d["data"])' 30 'd["data"][-1]["_id"]' flow_149
request GET '/v2/project-flows?page=9&limit=40'
expect_status 200
expect_json 'd["data"]' '[]' 'd["pagination"]["total"]' 150
# A page number whose offset overflows does not wrap around to the first
# page: (2^58 + 1 - 1) * 64 is 2^64.
request GET '/v2/project-flows?page=288230376151711745&limit=64'
expect_status 200
expect_json 'd["data"]' '[]' 'd["pagination"]["total"]' 150
request GET '/v2/project-flows?page=18446744073709551615&limit=100'
expect_status 200
expect_json 'd["data"]' '[]'
request GET '/v2/project-flows?page=184467440737095516150'
expect_status 400

# limit is capped at 100: a larger one is clamped, as pagination shows.
request GET '/v2/project-flows?limit=100'
expect_json 'len(d["data"])' 100 'd["pagination"]["limit"]' 100 \
  'd["pagination"]["pages"]' 2
request GET '/v2/project-flows?limit=101'
expect_status 200
expect_json 'len(d["data"])' 100 'd["pagination"]["limit"]' 100
request GET '/v2/project-flows?limit=100000&page=2'
expect_json 'len(d["data"])' 50 'd["pagination"]["limit"]' 100

# Filters, alone and together, count only what they match.
request GET '/v2/project-flows?project=project_a&limit=100'
expect_json 'd["pagination"]["total"]' 75 \
  'all(f["project"] == "project_a" for f in d["data"])' true
request GET '/v2/project-flows?type=kyc&limit=100'
expect_json 'd["pagination"]["total"]' 50 \
  'all(f["type"] == "kyc" for f in d["data"])' true
request GET '/v2/project-flows?status=paused&limit=100'
expect_json 'd["pagination"]["total"]' 30 \
  'all(f["status"] == "paused" for f in d["data"])' true
request GET '/v2/project-flows?project=project_b&type=login&status=draft&limit=5'
expect_json 'd["pagination"]' '{"page": 1, "limit": 5, "total": 10, "pages": 2}' \
  '[f["_id"] for f in d["data"]]' '["flow_013", "flow_025", "flow_043", "flow_055", "flow_073"]'
request GET '/v2/project-flows?project=nobody'
expect_status 200
expect_json 'd["data"]' '[]' \
  'd["pagination"]' '{"page": 1, "limit": 20, "total": 0, "pages": 0}'

# page and limit must be positive integers.
for query in page=0 page=-1 page=x limit=0 limit=abc 'limit=1.5' 'page='; do
  request GET "/v2/project-flows?$query"
  expect_status 400
  expect_body '{"error":"Invalid query parameter","message":"INVALID_PARAMETER"}'
done

pass
