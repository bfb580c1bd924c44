# Server errors and rate limits that hit the PUT requests of an apply, not
# only its reads, are retried: after 5xx answers the same run converges;
# after a 429 the retry waits as Retry-After asks, and a re-run once the
# limit is gone converges, with a clean plan afterwards. A 429'd request
# would only be admitted a minute after the sandbox started, so the run is
# interrupted during that wait instead of sitting it out.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 20 "$WORK/seed.json"
write_flows 20 active whatsapp
cd "$WORK"

# expect_log_line REGEX WHAT: the sandbox logged a request matching REGEX.
expect_log_line() {
  grep -Eq "$1" "$WORK/sandbox.log" ||
    fail "the sandbox never $2: $(grep -E '^(GET|PUT) ' "$WORK/sandbox.log")"
}

# 5xx: with this seed a few PUT requests, and one GET, get a 500, 502 or
# 503. Fewer faults in all than a request has attempts: none runs out.
start_sandbox --seed "$WORK/seed.json" --state "$WORK/state.json" \
  --log-requests --error-rate 0.2 --fault-seed 8
write_config "parallelism: 4"
run_flowctl apply --auto-approve
expect_rc 0
expect_stdout_contains "Apply: 20 applied, 0 unchanged, 0 failed."
expect_log_line '^PUT /v2/project-flows/[^ ]+ 50[023]$' "failed a PUT"
# Every flow's last PUT succeeded, whatever failed before it.
for i in $(seq -f '%04g' 1 20); do
  grep "^PUT /v2/project-flows/project_flow_$i " "$WORK/sandbox.log" |
    tail -n 1 | grep -q ' 200$' ||
    fail "project_flow_$i was never applied"
done
expect_no_token
stop_sandbox
start_sandbox --state "$WORK/state.json"
write_config "parallelism: 4"
expect_plan_clean
stop_sandbox

# 429: the limit admits the 20 reads and 2 PUT requests, then refuses.
write_flows 20 paused voice
start_sandbox --state "$WORK/state.json" --log-requests \
  --requests-per-minute 22
write_config "parallelism: 4"
"$FLOWCTL" apply --auto-approve --log-level debug \
  >"$WORK/out" 2>"$WORK/err" &
pid=$!
retry='PUT /v2/project-flows/[^ ]+: retrying in [0-9]+ ms \(attempt 2 of'
for _ in $(seq 1 200); do
  grep -Eq "$retry" "$WORK/err" && break
  sleep 0.05
done
kill -INT "$pid"
set +e
wait "$pid"
RC=$?
set -e
expect_rc 130
expect_log_line '^PUT /v2/project-flows/[^ ]+ 429$' "refused a PUT"
if grep -q '^GET .* 429$' "$WORK/sandbox.log"; then
  fail "a read was refused; the limit is meant for the PUT requests"
fi
# Retry-After asks for seconds; a backoff of its own would be far shorter.
wait_ms=$(grep -Eo "$retry" "$WORK/err" | head -n 1 |
  sed -E 's/.*retrying in ([0-9]+) ms.*/\1/')
[ "$wait_ms" -ge 1000 ] && [ "$wait_ms" -le 60000 ] ||
  fail "a 429'd PUT is retried in $wait_ms ms, not as Retry-After asks"
applied=$(grep -c '^  applied ' "$WORK/out" || true)
cancelled=$(grep -c '^  cancelled ' "$WORK/out" || true)
[ "$applied" -eq "$(grep -c '^PUT .* 200$' "$WORK/sandbox.log")" ] ||
  fail "$applied flows applied: $(cat "$WORK/sandbox.log")"
[ "$cancelled" -ge 1 ] && [ $((applied + cancelled)) -eq 20 ] ||
  fail "not every flow is accounted for: $(cat "$WORK/out")"
# The PUT that was refused and waiting to be retried is not "not sent".
expect_stdout_contains '(sent, refused with HTTP 429, and not retried)'
expect_no_token
stop_sandbox

# Without the limit, a re-run finishes whatever is left.
start_sandbox --state "$WORK/state.json"
write_config "parallelism: 4"
run_flowctl apply --auto-approve
expect_rc 0
expect_stdout_contains \
  "Apply: $cancelled applied, $applied unchanged, 0 failed."
expect_plan_clean

pass
