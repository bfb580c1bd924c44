# requests_per_minute: 0 sets no client-side limit: 240 flows are planned in
# a few seconds, where the default budget of 100 a minute would need more
# than two minutes. A negative budget is still refused.
source "$SOURCE_DIR/tests/cli/lib.sh"

FLOWS=240
mkdir -p "$WORK/repo/flows"
{
  echo "["
  for i in $(seq 1 "$FLOWS"); do
    printf 'id: flow_%03d\nstatus: active\n' "$i" \
      >"$WORK/repo/flows/flow_$i.yaml"
    separator=","
    [ "$i" -eq "$FLOWS" ] && separator=""
    printf '{"_id": "flow_%03d", "status": "active"}%s\n' "$i" "$separator"
  done
  echo "]"
} >"$WORK/seed.json"
printf 'flows: [flows]\nparallelism: 16\nrequests_per_minute: 0\n' \
  >"$WORK/repo/flowctl.yaml"

start_sandbox --seed "$WORK/seed.json"
cd "$WORK/repo"

run_flowctl validate
expect_rc 0
expect_stdout_contains "$FLOWS flow(s) in $FLOWS file(s) are valid."

set +e
timeout 30 "$FLOWCTL" plan --api-url "$SANDBOX_URL" >"$WORK/out" 2>"$WORK/err"
RC=$?
set -e
expect_rc 0
expect_stdout_contains "Plan: 0 to update, $FLOWS unchanged, 0 failed."
expect_no_token

printf 'flows: [flows]\nrequests_per_minute: -1\n' >"$WORK/repo/flowctl.yaml"
run_flowctl validate
expect_rc 1
expect_stderr_contains 'requests_per_minute: -1 is less than the minimum 0'
pass
