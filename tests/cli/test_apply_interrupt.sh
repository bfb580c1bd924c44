# SIGINT during apply sends nothing new, lets requests in flight finish,
# prints the summary with the unsent flows cancelled, and exits 130.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

start_slow_apply 60 2 100
wait_for_puts 6
signal_apply INT
expect_rc 130
expect_stderr_contains "interrupted"
sleep 0.3
sent=$(put_count)
expect_interrupted_summary 60 "$sent"

# A second signal ends the run at once.
write_flows 60 paused voice
"$FLOWCTL" apply --auto-approve >"$WORK/out" 2>"$WORK/err" &
APPLY_PID=$!
wait_for_puts $((sent + 4))
kill -INT "$APPLY_PID"
sleep 0.05
kill -INT "$APPLY_PID" 2>/dev/null || true
wait_apply
expect_rc 130

# What is left converges.
run_flowctl apply --auto-approve
expect_rc 0
expect_plan_clean

pass
