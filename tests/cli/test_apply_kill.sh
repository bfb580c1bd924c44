# flowctl killed with SIGKILL in the middle of applying 200 flows leaves
# whole audit lines behind; a re-run converges and the plan is clean.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 200 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests --latency-ms 50
write_config "parallelism: 4"
write_flows 200 active whatsapp
cd "$WORK"

"$FLOWCTL" apply --auto-approve --audit-log "$WORK/audit.jsonl" \
  >"$WORK/out" 2>"$WORK/err" &
pid=$!
wait_for_puts 40
kill -9 "$pid"
set +e
wait "$pid"
RC=$?
set -e
expect_rc 137
sent=$(put_count)
[ "$sent" -lt 200 ] || fail "the kill came too late: all 200 flows were sent"

# Every line written before the kill is whole, and names an applied flow.
json_lines_check "$WORK/audit.jsonl" 'r["outcome"] == "applied"'
lines=$(wc -l <"$WORK/audit.jsonl")
[ "$lines" -ge 1 ] && [ "$lines" -le "$sent" ] ||
  fail "$lines audit lines for $sent PUT requests"

run_flowctl apply --auto-approve --audit-log "$WORK/audit.jsonl"
expect_rc 0
expect_stdout_contains " 0 failed."
applied=$(grep -c '^  applied ' "$WORK/out" || true)
unchanged=$(grep -c '^  unchanged ' "$WORK/out" || true)
[ $((applied + unchanged)) -eq 200 ] || fail "not every flow is accounted for"
[ "$applied" -ge 1 ] || fail "the killed run cannot have applied everything"
json_lines_check "$WORK/audit.jsonl" 'r["outcome"] in ("applied", "unchanged")'
expect_plan_clean

pass
