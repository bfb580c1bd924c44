# apply without a saved plan asks on a terminal and refuses without one:
# only "yes" sends anything.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 2 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests
write_config
write_flows 2 active whatsapp
cd "$WORK"

# No terminal and no --auto-approve: the plan is shown, nothing is sent.
set +e
"$FLOWCTL" apply </dev/null >"$WORK/out" 2>"$WORK/err"
RC=$?
set -e
expect_rc 1
expect_stdout_contains "project_flow_0001"
message="flowctl: error: refusing to apply without confirmation: run in a"
message+=" terminal, pass --auto-approve, or apply a saved plan"
expect_stderr_contains "$message"
expect_put_count 0
expect_no_token

# A terminal that answers anything but yes: nothing is sent.
for answer in no y YES ""; do
  set +e
  python3 "$FIXTURES/with_tty.py" "$answer" "$FLOWCTL" apply \
    >"$WORK/out" 2>"$WORK/err"
  RC=$?
  set -e
  expect_rc 1
  expect_stderr_contains \
    "Apply these changes to 2 flows? Only 'yes' is accepted: "
  expect_stdout_contains "Apply cancelled."
  expect_put_count 0
done

# yes: both flows are applied and the summary says so.
set +e
python3 "$FIXTURES/with_tty.py" yes "$FLOWCTL" apply >"$WORK/out" 2>"$WORK/err"
RC=$?
set -e
expect_rc 0
expect_put_count 2
expect_stdout_contains \
  "  applied    project_flow_0001  flows/project_flow_0001.yaml  (2 changes)"
expect_stdout_contains "Apply: 2 applied, 0 unchanged, 0 failed."
expect_no_token
expect_plan_clean

pass
