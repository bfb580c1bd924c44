#!/usr/bin/env bash
# Benchmarks rely on the sandbox being fast: 10,000 flows, thousands of GETs
# a second at zero latency, and parallel clients served side by side while
# they wait out an injected latency.
source "$SOURCE_DIR/tests/cli/lib.sh"

python3 - "$WORK/seed.json" <<'PY'
import json, sys
flows = [{
    "_id": f"flow_{i:05d}", "project": f"project_{i % 10}", "type": "kyc",
    "status": "active", "version": 1, "name": f"Flow {i}",
    "description": "A flow of the load test",
    "configuration": {
        "emailVerification": {"enabled": True, "required": True,
                              "method": "verificationCode"},
        "webhook": {"url": f"https://hooks.example.com/{i}",
                    "events": ["flow.completed", "flow.failed"]}},
    "steps": [{"stepType": "email", "order": 1, "required": True,
               "config": {"verificationMethod": "verificationCode"}},
              {"stepType": "document", "order": 2, "required": True}],
    "client": "client_1", "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z"} for i in range(10000)]
json.dump(flows, open(sys.argv[1], "w"))
PY

# start_big_sandbox ARGS...: start_sandbox with a longer wait, since loading
# 10,000 flows in a sanitizer build can outlast start_sandbox's patience.
start_big_sandbox() {
  rm -f "$WORK/sandbox.out"
  "$SANDBOX" --port 0 --token "$VERIFIK_TOKEN" "$@" \
    >"$WORK/sandbox.out" 2>"$WORK/sandbox.log" &
  SANDBOX_PID=$!
  local tries=0
  until grep -q '^listening on 127\.0\.0\.1:' "$WORK/sandbox.out" 2>/dev/null; do
    kill -0 "$SANDBOX_PID" 2>/dev/null ||
      fail "sandbox exited: $(cat "$WORK/sandbox.log")"
    [ $tries -lt 1200 ] || fail "sandbox did not start within 60 s"
    sleep 0.05
    tries=$((tries + 1))
  done
  SANDBOX_URL="http://$(sed -n '1s/^listening on //p' "$WORK/sandbox.out")"
}

# get_many CONFIG [CURL ARGS...]: runs every transfer of a curl config file
# in parallel; prints the sorted, counted status codes.
get_many() {
  local config=$1
  shift
  curl -sS --parallel "$@" -K "$config" \
    -H "Authorization: Bearer $VERIFIK_TOKEN" -w '%{http_code}\n' \
    2>"$WORK/curl.err" | sort | uniq -c | awk '{ print $1, $2 }'
}

start_big_sandbox --seed "$WORK/seed.json"

STATUS=$(curl -sS -o "$WORK/body" -w '%{http_code}' \
  -H "Authorization: Bearer $VERIFIK_TOKEN" \
  "$SANDBOX_URL/v2/project-flows?limit=100&page=100&project=project_9")
[ "$STATUS" = 200 ] || fail "list answered $STATUS"
grep -qF '"pagination":{"page":100,"limit":100,"total":1000,"pages":10}' "$WORK/body" ||
  fail "list of 10,000: $(head -c 300 "$WORK/body")"

# 3000 GETs, 8 at a time, must take well under 6 seconds (500 a second).
for i in $(seq 0 2999); do
  printf 'url = "%s/v2/project-flows/flow_%05d"\noutput = "/dev/null"\n' \
    "$SANDBOX_URL" $((i * 7 % 10000))
done >"$WORK/gets.cfg"
started=$(date +%s%N)
result=$(get_many "$WORK/gets.cfg" --parallel-max 8)
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
[ "$result" = "3000 200" ] || fail "GETs answered: $result $(cat "$WORK/curl.err")"
[ $elapsed_ms -lt 6000 ] || fail "3000 GETs took $elapsed_ms ms"
echo "3000 GETs over 10,000 flows in $elapsed_ms ms"
stop_sandbox

# 16 clients at once against 300 ms of latency: served side by side they
# finish in about 300 ms; one after another they would need 4.8 s, and a
# listen backlog too short for the burst costs a 1 s SYN retry.
start_big_sandbox --seed "$WORK/seed.json" --latency-ms 300
for i in $(seq 1 16); do
  printf 'url = "%s/v2/project-flows/flow_%05d"\noutput = "/dev/null"\n' \
    "$SANDBOX_URL" "$i"
done >"$WORK/slow.cfg"
started=$(date +%s%N)
result=$(get_many "$WORK/slow.cfg" --parallel-max 16 --parallel-immediate)
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
[ "$result" = "16 200" ] || fail "slow GETs answered: $result"
[ $elapsed_ms -ge 300 ] || fail "latency not applied: $elapsed_ms ms"
[ $elapsed_ms -lt 1200 ] || fail "16 parallel clients took $elapsed_ms ms"
echo "16 parallel GETs at 300 ms latency in $elapsed_ms ms"

pass
