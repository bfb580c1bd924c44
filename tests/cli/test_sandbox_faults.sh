#!/usr/bin/env bash
# Injected faults: latency and jitter, 5xx answers in several documented
# shapes, dropped connections, and 429 past a per-minute budget. A faulted
# request never touches state, and a fault seed makes a run repeatable.
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

SEED="$SOURCE_DIR/examples/sandbox/flows.json"
STATE="$WORK/state.json"
FLOW=/v2/project-flows/project_flow_123456789

# timed_get: prints the seconds one GET took.
timed_get() {
  curl -sS -o /dev/null -w '%{time_total}\n' \
    -H "Authorization: Bearer $VERIFIK_TOKEN" "$SANDBOX_URL$FLOW"
}

# state_unchanged: the state file is byte for byte what it was at start.
state_unchanged() {
  cmp -s "$STATE" "$WORK/state.start" || fail "a faulted request changed state"
}

start_faulty() {
  rm -f "$STATE"
  start_sandbox --seed "$SEED" --state "$STATE" --log-requests "$@"
  cp "$STATE" "$WORK/state.start"
}

# --- latency and jitter
start_faulty --latency-ms 400
for _ in 1 2 3; do timed_get; done >"$WORK/times"
awk '$1 < 0.39 { exit 1 }' "$WORK/times" || fail "latency not applied: $(cat "$WORK/times")"
stop_sandbox_clean

start_faulty --latency-ms 250 --jitter-ms 200
for _ in $(seq 1 12); do timed_get; done >"$WORK/times"
awk 'NR == 1 { lo = $1; hi = $1 } $1 < lo { lo = $1 } $1 > hi { hi = $1 }
     END { exit !(lo >= 0.045 && hi - lo >= 0.03) }' "$WORK/times" ||
  fail "jitter not applied: $(tr '\n' ' ' <"$WORK/times")"
stop_sandbox_clean

# --- every request a server error: 500, 502 and 503, each in its shape
start_faulty --error-rate 1.0 --fault-seed 11
for _ in $(seq 1 30); do
  request GET "$FLOW"
  echo "$STATUS $(cat "$WORK/body")" >>"$WORK/errors"
done
sort -u "$WORK/errors" >"$WORK/errors.seen"
cat >"$WORK/errors.expected" <<'BODIES'
500 {"code":"INTERNAL","message":"Internal server error"}
502 {"error":{"code":"BAD_GATEWAY","message":"Bad gateway"}}
503 {"code":"SERVICE_UNAVAILABLE","error":"Service temporarily unavailable","success":false}
BODIES
diff -u "$WORK/errors.expected" "$WORK/errors.seen" >&2 || fail "5xx answers differ"
request PUT "$FLOW" '{"status":"active"}'
case "$STATUS" in 500 | 502 | 503) ;; *) fail "faulted PUT answered $STATUS" ;; esac
state_unchanged
grep -qx "PUT $FLOW $STATUS" "$WORK/sandbox.log" || fail "PUT not logged"
stop_sandbox_clean

# --- a share of errors, repeatable with the same fault seed
statuses() {
  start_sandbox --seed "$SEED" --error-rate 0.5 --fault-seed 42
  for _ in $(seq 1 20); do
    request GET "$FLOW"
    printf '%s ' "$STATUS"
  done
  stop_sandbox_clean
}
first=$(statuses)
second=$(statuses)
[ "$first" = "$second" ] || fail "same seed, different faults: $first / $second"
case "$first" in *200*) ;; *) fail "error-rate 0.5 never succeeded: $first" ;; esac
case "$first" in *50[023]*) ;; *) fail "error-rate 0.5 never failed: $first" ;; esac

# --- every connection dropped mid-answer
start_faulty --drop-rate 1.0
for _ in 1 2 3; do
  set +e
  curl -sS -o /dev/null -H "Authorization: Bearer $VERIFIK_TOKEN" \
    "$SANDBOX_URL$FLOW" 2>"$WORK/curl.err"
  rc=$?
  set -e
  case "$rc" in 18 | 52 | 56) ;; *) fail "dropped GET: curl exit $rc" ;; esac
done
set +e
curl -sS -o /dev/null -X PUT -H "Authorization: Bearer $VERIFIK_TOKEN" \
  --data-binary '{"status":"active"}' "$SANDBOX_URL$FLOW" 2>/dev/null
rc=$?
set -e
[ "$rc" != 0 ] || fail "dropped PUT completed"
state_unchanged
grep -qx "PUT $FLOW 200 dropped" "$WORK/sandbox.log" || fail "drop not logged"
stop_sandbox_clean

# --- a share of drops: some requests still complete
start_sandbox --seed "$SEED" --drop-rate 0.5 --fault-seed 5
ok=0 broken=0
for _ in $(seq 1 20); do
  if curl -sS -o /dev/null -H "Authorization: Bearer $VERIFIK_TOKEN" \
    "$SANDBOX_URL$FLOW" 2>/dev/null; then
    ok=$((ok + 1))
  else
    broken=$((broken + 1))
  fi
done
[ $ok -gt 0 ] && [ $broken -gt 0 ] || fail "drop-rate 0.5: $ok ok, $broken broken"
stop_sandbox_clean

# --- a budget of 5 requests a minute
start_faulty --requests-per-minute 5
for _ in 1 2 3 4 5; do
  request GET "$FLOW"
  expect_status 200
done
request GET "$FLOW"
expect_status 429
expect_body '{"code":"RATE_LIMITED","error":"Too many requests","success":false}'
retry_after=$(tr -d '\r' <"$WORK/headers" | awk -F': ' 'tolower($1) == "retry-after" { print $2 }')
[[ "$retry_after" =~ ^[0-9]+$ ]] && [ "$retry_after" -ge 1 ] &&
  [ "$retry_after" -le 60 ] || fail "Retry-After is '$retry_after'"
request PUT "$FLOW" '{"status":"active"}'
expect_status 429
state_unchanged
# Authentication comes first: a bad token is a 401, not a 429.
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' "$SANDBOX_URL$FLOW")
expect_status 401
stop_sandbox_clean

pass
