# A flow the API does not know is an error row naming the flow and its file;
# the other flows still plan, and the exit code is 1.
source "$SOURCE_DIR/tests/cli/lib.sh"

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json"
mkdir -p "$WORK/flows"
cp "$SOURCE_DIR/examples/flows/onboarding.yaml" "$WORK/flows/"
cat >"$WORK/flows/ghost.yaml" <<'YAML'
id: project_flow_does_not_exist
status: active
YAML
cd "$WORK"

run_flowctl plan --api-url "$SANDBOX_URL" flows
expect_rc 1
expect_stdout_contains 'project_flow_does_not_exist'
expect_stdout_contains 'flows/ghost.yaml'
expect_stdout_contains 'PROJECT_FLOW_NOT_FOUND'
expect_stdout_contains '~ status: "draft" -> "active"'
expect_stdout_contains 'Plan: 1 to update, 0 unchanged, 1 failed.'

# A server that does not answer at all is a clear error, not a crash.
stop_sandbox
run_flowctl plan --api-url "http://127.0.0.1:9" flows/onboarding.yaml
expect_rc 1
expect_stdout_contains 'project_flow_123456789'
pass
