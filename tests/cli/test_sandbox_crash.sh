#!/usr/bin/env bash
# kill -9 in the middle of a burst of concurrent PUTs: the state file always
# parses, holds either the old or a new value, holds every change that was
# acknowledged, and the sandbox starts again from it.
source "$SOURCE_DIR/tests/cli/lib.sh"

STATE="$WORK/state.json"
FLOW=project_flow_223456789
WRITERS=8

# writer ROUND W: PUTs new names until the sandbox disappears; each answer
# is kept so acknowledged versions can be checked afterwards.
writer() {
  local round=$1 w=$2 n
  for n in $(seq 1 400); do
    curl -s --max-time 5 -o "$WORK/ack/$round.$w.$n" -X PUT \
      -H "Authorization: Bearer $VERIFIK_TOKEN" \
      --data-binary "{\"name\":\"round $round writer $w put $n\"}" \
      "$SANDBOX_URL/v2/project-flows/$FLOW" || return 0
  done
}

# check_state ROUND OLD_NAME: the file is whole and consistent.
check_state() {
  python3 - "$STATE" "$WORK/ack" "$1" "$2" <<'PY' || fail "round $1: bad state"
import glob, json, re, sys
state_path, ack_dir, round_, old_name = sys.argv[1:]
flows = json.load(open(state_path))
ids = [f["_id"] for f in flows]
assert ids == ["project_flow_123456789", "project_flow_223456789",
               "project_flow_323456789", "project_flow_staging_login"], ids
flow = flows[1]
new = re.fullmatch(rf"round {round_} writer \d+ put \d+", flow["name"])
assert flow["name"] == old_name or new, flow["name"]
# Every answered PUT was on disk before its answer left.
acked = []
for path in glob.glob(f"{ack_dir}/{round_}.*"):
    try:
        acked.append(json.load(open(path))["data"]["version"])
    except (ValueError, KeyError):
        pass
assert flow["version"] >= max(acked, default=0), (flow["version"], max(acked))
assert flows[0]["version"] == 1 and flows[2]["version"] == 7
print(f"round {round_}: {len(acked)} acknowledged, version {flow['version']}")
PY
}

mkdir -p "$WORK/ack"
start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json" --state "$STATE"
name="Passwordless Login"

for round in 1 2 3 4 5; do
  if [ "$round" -gt 1 ]; then
    start_sandbox --state "$STATE"
  fi
  pids=()
  for w in $(seq 1 $WRITERS); do
    writer "$round" "$w" &
    pids+=($!)
  done
  # Let the burst get going, then crash at a different moment each round.
  tries=0
  while [ "$(find "$WORK/ack" -name "$round.*" -size +0 | wc -l)" -lt 10 ]; do
    [ $tries -lt 400 ] || fail "round $round: the burst never got going"
    sleep 0.05
    tries=$((tries + 1))
  done
  sleep "0.$((round * 7 % 10))"
  kill -9 "$SANDBOX_PID"
  wait "$SANDBOX_PID" 2>/dev/null || true
  SANDBOX_PID=""
  # Else the next start_sandbox could read this run's port.
  rm -f "$WORK/sandbox.out"
  wait "${pids[@]}"

  check_state "$round" "$name"
  name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[1]["name"])' "$STATE")
done

# The last crash left a state the sandbox serves.
start_sandbox --state "$STATE"
STATUS=$(curl -sS -o "$WORK/body" -w '%{http_code}' \
  -H "Authorization: Bearer $VERIFIK_TOKEN" "$SANDBOX_URL/v2/project-flows/$FLOW")
[ "$STATUS" = 200 ] || fail "restart after crash answered $STATUS"
grep -qF "\"name\":\"$name\"" "$WORK/body" || fail "restart lost the state"

pass
