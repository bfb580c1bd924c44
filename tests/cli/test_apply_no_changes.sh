# apply with nothing to change says so, sends nothing and succeeds, even
# without a terminal.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 3 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests
write_config
write_flows 3 draft sms
cd "$WORK"

set +e
"$FLOWCTL" apply --audit-log "$WORK/audit.jsonl" </dev/null \
  >"$WORK/out" 2>"$WORK/err"
RC=$?
set -e
expect_rc 0
expect_stdout_contains "No changes. Nothing to apply."
expect_put_count 0
expect_no_token "$WORK/audit.jsonl"
# Every flow the run covered is on record, as unchanged.
[ "$(wc -l <"$WORK/audit.jsonl")" -eq 3 ] || fail "expected 3 audit lines"
json_lines_check "$WORK/audit.jsonl" \
  'r["outcome"] == "unchanged" and r["changed_paths"] == []'

# A flow that cannot be planned still makes the run fail, with nothing sent.
write_flow "$WORK/flows/missing.yaml" project_flow_9999 draft sms
run_flowctl apply --auto-approve
expect_rc 1
expect_stdout_contains "Nothing to apply: 1 flow(s) could not be planned."
grep -q "No changes" "$WORK/out" && fail "a failed plan called 'No changes'"
expect_put_count 0

pass
