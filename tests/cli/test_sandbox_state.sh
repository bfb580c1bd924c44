#!/usr/bin/env bash
# --state: written at start, rewritten after every change and never on a
# read, kept across a restart, and preferred over the seed when it exists.
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

# state_json EXPR VALUE...: like expect_json, over the state file as d.
state_json() {
  cp "$STATE" "$WORK/body"
  expect_json "$@"
}

# A missing state file is created from the seed before the first request.
[ ! -e "$STATE" ] || fail "state exists too early"
start_sandbox --seed "$SEED" --state "$STATE"
[ -f "$STATE" ] || fail "state file not written at start"
python3 - "$SEED" "$STATE" <<'PY' || fail "state file does not hold the seed"
import json, sys
seed, state = (json.load(open(p)) for p in sys.argv[1:])
sys.exit(0 if sorted(seed, key=lambda f: f["_id"]) == state else 1)
PY

# Reads leave the file alone: same inode, same bytes.
before=$(stat -c '%i %s %Y' "$STATE")
cp "$STATE" "$WORK/state.before"
for _ in 1 2 3; do
  request GET "$FLOW"
  request GET /v2/project-flows
  request GET /v2/project-flows/missing
  request PUT "$FLOW" '{"status":"bad"}'
done
sleep 1.1
[ "$(stat -c '%i %s %Y' "$STATE")" = "$before" ] || fail "a read rewrote state"
cmp -s "$STATE" "$WORK/state.before" || fail "a read changed state"

# A change is on disk by the time its answer arrives.
request PUT "$FLOW" '{"status":"active","name":"Persisted"}'
expect_status 200
ids='["project_flow_123456789", "project_flow_223456789", '
ids+='"project_flow_323456789", "project_flow_staging_login"]'
state_json '[f["_id"] for f in d]' "$ids" \
  'd[0]["status"]' active 'd[0]["name"]' Persisted 'd[0]["version"]' 2
[ "$(stat -c %i "$STATE")" != "${before%% *}" ] || fail "state not replaced by rename"
request PUT "$FLOW" '{}'
expect_status 200
updated_at=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["updatedAt"])' "$WORK/body")
state_json 'd[0]["updatedAt"]' "$updated_at"

# After a restart the state wins over the seed.
stop_sandbox_clean
start_sandbox --seed "$SEED" --state "$STATE"
request GET "$FLOW"
expect_json 'd["data"]["status"]' active 'd["data"]["name"]' Persisted \
  'd["data"]["version"]' 2 'd["data"]["updatedAt"]' "$updated_at"

# Even a seed holding other flows does not replace it.
stop_sandbox_clean
echo '[{"_id":"only_in_seed","name":"x"}]' >"$WORK/other-seed.json"
start_sandbox --seed "$WORK/other-seed.json" --state "$STATE"
request GET /v2/project-flows/only_in_seed
expect_status 404
request GET "$FLOW"
expect_json 'd["data"]["name"]' Persisted
# updatedAt keeps increasing across restarts.
request PUT "$FLOW" '{"name":"After restart"}'
expect_json 'd["data"]["updatedAt"] > "'"$updated_at"'"' true 'd["data"]["version"]' 3

# The state file alone is enough, and is itself a valid seed.
stop_sandbox_clean
start_sandbox --state "$STATE"
request GET "$FLOW"
expect_json 'd["data"]["name"]' "After restart"
stop_sandbox_clean
cp "$STATE" "$WORK/as-seed.json"
start_sandbox --seed "$WORK/as-seed.json"
request GET "$FLOW"
expect_json 'd["data"]["name"]' "After restart"
stop_sandbox_clean

# Without --state nothing is written; the seed is only ever read.
seed_sum=$(md5sum <"$SEED")
files_before=$(ls "$WORK")
start_sandbox --seed "$SEED"
request PUT "$FLOW" '{"name":"memory only"}'
expect_status 200
stop_sandbox_clean
[ "$(md5sum <"$SEED")" = "$seed_sum" ] || fail "the seed was written"
[ "$(ls "$WORK")" = "$files_before" ] || fail "files appeared without --state"

# start_refused ARGS...: the sandbox exits 1 with one line on stderr.
start_refused() {
  set +e
  timeout 20 "$SANDBOX" --port 0 --token "$VERIFIK_TOKEN" "$@" \
    >"$WORK/refused.out" 2>"$WORK/refused.err"
  local rc=$?
  set -e
  [ "$rc" = 1 ] || fail "expected exit 1, got $rc: $(cat "$WORK/refused.err")"
  [ ! -s "$WORK/refused.out" ] || fail "refused start printed to stdout"
  [ "$(wc -l <"$WORK/refused.err")" = 1 ] || fail "not one line: $(cat "$WORK/refused.err")"
}

# A state file that is not valid is refused, not overwritten.
printf '[\n  {"_id": "a"},\n  {"_id": ' >"$WORK/torn.json"
cp "$WORK/torn.json" "$WORK/torn.copy"
start_refused --seed "$SEED" --state "$WORK/torn.json"
[ "$(cat "$WORK/refused.err")" = "verifik-sandbox: error: $WORK/torn.json:3:11: invalid JSON" ] ||
  fail "message: $(cat "$WORK/refused.err")"
cmp -s "$WORK/torn.json" "$WORK/torn.copy" || fail "invalid state overwritten"

# A state file that cannot be written is refused at start.
start_refused --seed "$SEED" --state "$WORK/no/such/dir/state.json"
grep -qF "verifik-sandbox: error: cannot create $WORK/no/such/dir/state.json.tmp: No such file or directory" \
  "$WORK/refused.err" || fail "message: $(cat "$WORK/refused.err")"

pass
