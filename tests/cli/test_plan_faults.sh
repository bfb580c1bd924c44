# 5xx answers and 429 rate limits during a plan are retried: the plan still
# succeeds and shows the same changes as a plan that met no fault.
source "$SOURCE_DIR/tests/cli/lib.sh"

SEED="$SOURCE_DIR/examples/sandbox/flows.json"
export VERIFIK_WEBHOOK_SECRET=whsec_sandbox_example_only
cd "$SOURCE_DIR/examples"

start_sandbox --seed "$SEED"
run_flowctl plan --api-url "$SANDBOX_URL"
expect_rc 0
expect_stdout_contains 'Plan: 2 to update, 1 unchanged, 0 failed.'
cp "$WORK/out" "$WORK/plan.txt"
run_flowctl plan --api-url "$SANDBOX_URL" --log-level trace
expect_rc 0
expect_stderr_contains 'GET /v2/project-flows/project_flow_123456789 -> 200 ('
stop_sandbox

start_sandbox --seed "$SEED" --log-requests --error-rate 0.4 --fault-seed 7
run_flowctl plan --api-url "$SANDBOX_URL"
expect_rc 0
diff -u "$WORK/plan.txt" "$WORK/out" >&2 ||
  fail "the plan differs from the one made without faults"
grep -Eq '^GET /v2/project-flows/[^ ]+ 50[023]$' "$WORK/sandbox.log" ||
  fail "the sandbox never failed a request: $(cat "$WORK/sandbox.log")"
# Each flow was read in the end, whatever failed before.
for id in project_flow_123456789 project_flow_223456789 \
  project_flow_323456789; do
  grep "^GET /v2/project-flows/$id " "$WORK/sandbox.log" | tail -n 1 |
    grep -q ' 200$' || fail "$id was never read: $(cat "$WORK/sandbox.log")"
done
expect_no_token "$WORK/sandbox.log"
stop_sandbox

start_sandbox --seed "$SEED" --requests-per-minute 2
run_flowctl plan --api-url "$SANDBOX_URL" --log-level debug
expect_rc 0
diff -u "$WORK/plan.txt" "$WORK/out" >&2 ||
  fail "the plan differs from the one made without rate limits"
# Debug says why each retry happens and leaves single answers to trace.
grep -Eq ': retrying in [0-9]+ ms \(attempt [0-9]+ of [0-9]+\) after 429$' \
  "$WORK/err" || fail "no retry after a 429 in the log: $(cat "$WORK/err")"
grep -q ' -> 200 (' "$WORK/err" && fail "debug logged every answer"
expect_no_token
pass
