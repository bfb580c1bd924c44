# SIGTERM during apply is an interruption like SIGINT: nothing new is sent,
# only requests already in flight finish, the summary names every flow with
# the unsent ones cancelled, the exit code is 130, and a re-run converges.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

start_slow_apply 60 2 100
wait_for_puts 6
kill -TERM "$APPLY_PID"
# Answers are logged once sent, so up to `parallelism` PUTs are in flight.
at_signal=$(put_count)
wait_apply
expect_rc 130
expect_stderr_contains "flowctl: interrupted: sending nothing new"
sent=$(put_count)
[ "$sent" -le $((at_signal + 2)) ] ||
  fail "$at_signal PUT requests before SIGTERM, $sent after"
sleep 0.5
[ "$(put_count)" -eq "$sent" ] || fail "PUT requests went on after exit"

expect_interrupted_summary 60 "$sent"
applied=$APPLIED
cancelled=$CANCELLED

# The re-run sends only what the interrupted run left out.
run_flowctl apply --auto-approve
expect_rc 0
expect_stdout_contains \
  "Apply: $cancelled applied, $applied unchanged, 0 failed."
expect_put_count 60
expect_plan_clean

pass
