#!/usr/bin/env bash
# PUT is a partial update: each named field is replaced whole, nothing else
# changes, version moves only on a real change, updatedAt always moves and
# strictly increases, even for updates in the same millisecond.
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
start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json"

# compare_flows BEFORE AFTER CHANGED...: the flows in two saved bodies
# differ exactly in the named top-level fields (updatedAt always), and
# updatedAt went forward.
compare_flows() {
  python3 - "$@" <<'PY' || fail "flows differ unexpectedly"
import json, re, sys
before, after = (json.load(open(p))["data"] for p in sys.argv[1:3])
changed = set(sys.argv[3:]) | {"updatedAt"}
stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
problems = [k for k in set(before) | set(after)
            if (before.get(k) != after.get(k)) != (k in changed)]
if not re.fullmatch(stamp, after["updatedAt"]):
    problems.append("updatedAt format " + after["updatedAt"])
if after["updatedAt"] <= before["updatedAt"]:
    problems.append("updatedAt did not move forward")
if problems:
    print("unexpected:", problems, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

# put_and_check BODY CHANGED...: the PUT answers 200 with the whole flow,
# the same flow a GET then returns, changed only where named.
put_and_check() {
  local body=$1
  shift
  request GET "$FLOW"
  cp "$WORK/body" "$WORK/before.json"
  request PUT "$FLOW" "$body"
  expect_status 200
  expect_json 'd["success"]' true 'd["signature"]["message"]' "Certified by Verifik.co"
  cp "$WORK/body" "$WORK/put.json"
  compare_flows "$WORK/before.json" "$WORK/put.json" "$@"
  request GET "$FLOW"
  cmp -s <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"])' "$WORK/put.json") \
    <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"])' "$WORK/body") ||
    fail "GET after PUT differs from the PUT's answer"
}

# One field: only it, version and updatedAt change.
put_and_check '{"status":"active"}' status version
expect_json 'd["data"]["status"]' active 'd["data"]["version"]' 2

# configuration is replaced whole, not merged: the other sections go.
put_and_check '{"configuration":{"phoneVerification":{"enabled":true,"required":true,"method":"sms"}}}' \
  configuration version
expect_json 'd["data"]["configuration"]' \
  '{"phoneVerification": {"enabled": true, "method": "sms", "required": true}}' \
  'd["data"]["version"]' 3

# steps too.
put_and_check '{"steps":[{"stepType":"phone","order":1}]}' steps version
expect_json 'd["data"]["steps"]' '[{"order": 1, "stepType": "phone"}]'

# Two fields in one PUT: one version step.
put_and_check '{"name":"Onboarding","description":"Sign-up"}' name description version
expect_json 'd["data"]["name"]' Onboarding 'd["data"]["description"]' Sign-up \
  'd["data"]["version"]' 5

# The same values again, and the empty body: no version step, but
# updatedAt still moves.
put_and_check '{"status":"active","name":"Onboarding"}'
expect_json 'd["data"]["version"]' 5
put_and_check '{}'
expect_json 'd["data"]["version"]' 5
# Numbers compare by value: 1.0 is the stored 1.
put_and_check '{"steps":[{"stepType":"phone","order":1}],"configuration":{"phoneVerification":{"enabled":true,"required":true,"method":"sms"}}}'
expect_json 'd["data"]["version"]' 5

# Thirty PUTs at once: all succeed, every one gets its own updatedAt, and
# the version counts every one of them.
pids=()
for i in $(seq 1 30); do
  curl -sS -o "$WORK/burst.$i" -X PUT -H "Authorization: Bearer $VERIFIK_TOKEN" \
    --data-binary "{\"name\":\"burst $i\"}" "$SANDBOX_URL$FLOW" &
  pids+=($!)
done
wait "${pids[@]}"
python3 - "$WORK" <<'PY' || fail "concurrent PUTs went wrong"
import json, sys
flows = [json.load(open(f"{sys.argv[1]}/burst.{i}"))["data"] for i in range(1, 31)]
stamps = [f["updatedAt"] for f in flows]
versions = sorted(f["version"] for f in flows)
ok = len(set(stamps)) == 30 and versions == list(range(6, 36))
# Later versions carry later stamps.
by_version = [f["updatedAt"] for f in sorted(flows, key=lambda f: f["version"])]
ok = ok and by_version == sorted(by_version)
sys.exit(0 if ok else 1)
PY
request GET "$FLOW"
expect_json 'd["data"]["version"]' 35 'd["data"]["name"].startswith("burst ")' true

# Other flows were never touched.
request GET /v2/project-flows/project_flow_223456789
expect_json 'd["data"]["version"]' 4 'd["data"]["updatedAt"]' 2024-03-18T14:12:45Z

pass
