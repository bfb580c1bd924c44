# Server errors and rate limiting during apply are retried: the run still
# converges, and a plan afterwards is clean. The sandbox admits only a few
# requests a minute, so one wait for its window is part of this test.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 6 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --state "$WORK/state.json" \
  --log-requests --error-rate 0.3 --requests-per-minute 12 --fault-seed 11
write_config "parallelism: 4"
write_flows 6 active whatsapp
cd "$WORK"

run_flowctl apply --auto-approve
grep -q ' 429$' "$WORK/sandbox.log" ||
  fail "the sandbox never refused a request"
grep -Eq ' 50[023]$' "$WORK/sandbox.log" ||
  fail "the sandbox never failed a request"
if [ "$RC" -ne 0 ]; then
  # Retries are bounded; a flow that used them all up is reported, and the
  # failure is the server's, not flowctl's.
  expect_rc 1
  grep -E '^  failed ' "$WORK/out" | grep -Evq 'HTTP (429|50[023])' &&
    fail "a flow failed for another reason: $(cat "$WORK/out")"
else
  expect_stdout_contains "Apply: 6 applied, 0 unchanged, 0 failed."
fi
expect_no_token

# Without faults, a re-run finishes whatever is left and the plan is clean.
stop_sandbox
start_sandbox --state "$WORK/state.json" --log-requests
write_config "parallelism: 4"
run_flowctl apply --auto-approve
expect_rc 0
expect_plan_clean

pass
