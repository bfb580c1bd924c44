#!/usr/bin/env bash
# The command line: --help, refused arguments and seeds (exit 1, one line on
# stderr), a busy port, the default token and host, and a clean stop on
# SIGTERM and SIGINT.
source "$SOURCE_DIR/tests/cli/lib.sh"

SEED="$SOURCE_DIR/examples/sandbox/flows.json"

# refused EXPECTED_STDERR ARGS...: exit 1, nothing on stdout, exactly one
# stderr line.
refused() {
  local expected=$1
  shift
  set +e
  timeout 20 "$SANDBOX" "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  set -e
  [ "$rc" = 1 ] || fail "'$*' exited $rc: $(cat "$WORK/err")"
  [ ! -s "$WORK/out" ] || fail "'$*' printed on stdout: $(cat "$WORK/out")"
  [ "$(cat "$WORK/err")" = "$expected" ] ||
    fail "'$*' said: $(cat "$WORK/err"); expected: $expected"
}

# start_plain ARGS...: starts the sandbox without lib.sh's --token and
# waits for its first line, kept in LINE.
start_plain() {
  rm -f "$WORK/plain.out"
  "$SANDBOX" "$@" >"$WORK/plain.out" 2>"$WORK/plain.err" &
  SANDBOX_PID=$!
  local tries=0
  LINE=""
  while [ -z "$LINE" ] && [ $tries -lt 200 ]; do
    kill -0 "$SANDBOX_PID" 2>/dev/null || fail "exited: $(cat "$WORK/plain.err")"
    sleep 0.05
    LINE=$(head -n 1 "$WORK/plain.out" 2>/dev/null || true)
    tries=$((tries + 1))
  done
}

# stop_with SIGNAL [LIMIT_MS]: the sandbox exits 0 within LIMIT_MS
# (default 5000) milliseconds.
stop_with() {
  local started rc=0 elapsed_ms
  started=$(date +%s%N)
  kill "-$1" "$SANDBOX_PID"
  wait "$SANDBOX_PID" || rc=$?
  elapsed_ms=$((($(date +%s%N) - started) / 1000000))
  SANDBOX_PID=""
  [ "$rc" = 0 ] || fail "SIG$1: exit $rc"
  [ "$elapsed_ms" -le "${2:-5000}" ] || fail "SIG$1: took $elapsed_ms ms"
}

# --- help
"$SANDBOX" --help >"$WORK/out"
for option in --host --port --token --seed --state --latency-ms --jitter-ms \
  --error-rate --drop-rate --requests-per-minute --fault-seed --ignore-puts \
  --log-requests; do
  grep -qF -- "$option" "$WORK/out" || fail "--help lacks $option"
done

# --- arguments
E="verifik-sandbox: error:"
refused "$E The following argument was not expected: --bogus" --bogus
refused "$E The following argument was not expected: extra" --port 0 extra
refused "$E --port: Value 70000 not in range 0 to 65535" --port 70000
refused "$E --port: Value x not in range 0 to 65535" --port x
refused "$E --token: the token must not be empty" --token ''
refused "$E --error-rate: Value 1.5 not in range 0.000000 to 1.000000" --error-rate 1.5
refused "$E --drop-rate: Value -0.1 not in range 0.000000 to 1.000000" --drop-rate -0.1
refused "$E --latency-ms: Value -5 not in range 0 to 3600000" --latency-ms -5
refused "$E --jitter-ms: Value 1.5 not in range 0 to 3600000" --jitter-ms 1.5
refused "$E --requests-per-minute: Value -1 not in range 0 to 100000000" \
  --requests-per-minute -1
refused "$E --seed: 1 required TEXT missing" --seed

# --- seeds
seed_refused() {
  printf '%s' "$2" >"$WORK/seed.json"
  refused "$E $WORK/seed.json$1" --port 0 --seed "$WORK/seed.json"
}
refused "$E $WORK/missing.json: cannot read: No such file or directory" \
  --port 0 --seed "$WORK/missing.json"
seed_refused ":1:1: invalid JSON" ''
seed_refused ":2:11: invalid JSON" $'[\n  {"_id": x}\n]'
seed_refused ":1:15: invalid JSON" '[{"_id": "a"},]'
seed_refused ": expected a JSON array of flows" '{"_id": "a"}'
seed_refused ": flow 1 is not an object" '[{"_id": "a"}, 3]'
seed_refused ': flow 0 has no string "_id"' '[{"id": "a"}]'
seed_refused ': flow 0 has no string "_id"' '[{"_id": 7}]'
seed_refused ': flow 0 has no string "_id"' '[{"_id": ""}]'
seed_refused ": flow 0 has an \"_id\" with '/'" '[{"_id": "a/b"}]'
seed_refused ': flow 2 repeats "_id" a' '[{"_id": "a"}, {"_id": "b"}, {"_id": "a"}]'

# An empty array is a valid, empty store.
echo '[]' >"$WORK/empty.json"
start_sandbox --seed "$WORK/empty.json"
STATUS=$(curl -sS -o "$WORK/body" -w '%{http_code}' \
  -H "Authorization: Bearer $VERIFIK_TOKEN" "$SANDBOX_URL/v2/project-flows")
[ "$STATUS" = 200 ] || fail "empty store answered $STATUS"
grep -qF '"total":0' "$WORK/body" || fail "empty store: $(cat "$WORK/body")"

# --- a port already taken
port=${SANDBOX_URL##*:}
refused "$E cannot listen on 127.0.0.1:$port: Address already in use" \
  --port "$port" --seed "$SEED"
stop_with TERM

# --- defaults: host 127.0.0.1 and token dev-token
start_plain --port 0 --seed "$SEED"
[[ "$LINE" =~ ^listening\ on\ 127\.0\.0\.1:[0-9]+$ ]] || fail "first line: $LINE"
url="http://${LINE#listening on }"
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' \
  -H "Authorization: Bearer dev-token" "$url/v2/project-flows")
[ "$STATUS" = 200 ] || fail "default token refused: $STATUS"
stop_with INT

# --- an explicit host is echoed in the first line
start_plain --host localhost --port 0 --token t
[[ "$LINE" =~ ^listening\ on\ localhost:[0-9]+$ ]] || fail "first line: $LINE"
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer t" \
  "http://127.0.0.1:${LINE##*:}/v2/project-flows")
[ "$STATUS" = 200 ] || fail "--host localhost answered $STATUS"
stop_with TERM

# --- a clean stop while a client holds a kept-alive connection open
start_sandbox --seed "$SEED"
exec 3<>"/dev/tcp/127.0.0.1/${SANDBOX_URL##*:}"
printf 'GET /v2/project-flows HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer %s\r\n\r\n' \
  "$VERIFIK_TOKEN" >&3
read -r -t 10 status_line <&3 || fail "no answer on the kept-alive connection"
[[ "$status_line" == "HTTP/1.1 200"* ]] || fail "answer: $status_line"
# The idle connection has nothing left to answer, so it does not hold the
# stop back until its keep-alive timeout.
stop_with TERM 1000
exec 3<&-

# --- a stop finishes the answers under way
rm -f "$WORK/sandbox.out"
start_sandbox --seed "$SEED" --latency-ms 1000
curl -sS -o "$WORK/late.body" -w '%{http_code}' -X PUT \
  -H "Authorization: Bearer $VERIFIK_TOKEN" --data-binary '{"name":"late"}' \
  "$SANDBOX_URL/v2/project-flows/project_flow_123456789" >"$WORK/late.status" &
client=$!
sleep 0.4
stop_with TERM
wait "$client" || fail "the request under way lost its answer"
[ "$(cat "$WORK/late.status")" = 200 ] || fail "late PUT: $(cat "$WORK/late.status")"
grep -qF '"name":"late"' "$WORK/late.body" || fail "late PUT: $(cat "$WORK/late.body")"

pass
