# 5xx answers and 429 rate limits during a plan are retried: the plan still
# succeeds and shows the same changes.
source "$SOURCE_DIR/tests/cli/lib.sh"

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json" \
  --error-rate 0.4 --fault-seed 7
cd "$SOURCE_DIR/examples"
run_flowctl plan --api-url "$SANDBOX_URL" flows/onboarding.yaml
expect_rc 0
expect_stdout_contains 'Plan: 1 to update, 0 unchanged, 0 failed.'
stop_sandbox

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json" \
  --requests-per-minute 2
export VERIFIK_WEBHOOK_SECRET=whsec_sandbox_example_only
run_flowctl plan --api-url "$SANDBOX_URL" --log-level debug
expect_rc 0
expect_stdout_contains 'Plan: 2 to update, 1 unchanged, 0 failed.'
expect_stderr_contains '429'
expect_no_token
pass
