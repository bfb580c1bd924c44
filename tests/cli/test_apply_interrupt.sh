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
applied=$(grep -c '^  applied ' "$WORK/out" || true)
cancelled=$(grep -c '^  cancelled ' "$WORK/out" || true)
[ "$applied" -eq "$sent" ] ||
  fail "$sent PUT requests reached the sandbox but $applied flows are applied"
[ "$cancelled" -ge 1 ] || fail "no flow was cancelled"
[ $((applied + cancelled)) -eq 60 ] || fail "not every flow is accounted for"
expect_stdout_contains \
  "Apply: $applied applied, 0 unchanged, 0 failed, $cancelled cancelled."
expect_stdout_contains "(not sent)"
json_lines_check "$WORK/audit.jsonl" \
  'r["outcome"] in ("applied", "cancelled")
   and (r["outcome"] == "applied") == (r["http_status"] == 200)'
[ "$(wc -l <"$WORK/audit.jsonl")" -eq 60 ] || fail "expected 60 audit lines"
expect_no_token "$WORK/audit.jsonl"

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
