# --target limits the plan to the named flows; an unknown target is an
# error; global options are accepted before and after the command name.
source "$SOURCE_DIR/tests/cli/lib.sh"

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json"
cd "$SOURCE_DIR/examples"
export VERIFIK_WEBHOOK_SECRET=whsec_sandbox_example_only

run_flowctl --api-url "$SANDBOX_URL" plan --target project_flow_223456789
expect_rc 0
expect_stdout_contains 'Plan: 0 to update, 1 unchanged, 0 failed.'

run_flowctl plan --target project_flow_123456789 --api-url "$SANDBOX_URL" \
  --target project_flow_223456789
expect_rc 0
expect_stdout_contains 'Plan: 1 to update, 1 unchanged, 0 failed.'

run_flowctl plan --api-url "$SANDBOX_URL" --target nope
expect_rc 1
expect_stderr_contains '--target nope names no flow in the files'
pass
