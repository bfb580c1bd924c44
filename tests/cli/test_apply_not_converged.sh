# A server that answers 200 but keeps the flow as it was is caught: the
# flow did not converge, and the run fails.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 2 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests --ignore-puts
write_config
write_flows 2 active whatsapp
cd "$WORK"

run_flowctl apply --auto-approve --audit-log "$WORK/audit.jsonl"
expect_rc 1
expect_put_count 2
message="  failed     project_flow_0001  flows/project_flow_0001.yaml  did not"
message+=" converge: configuration.phoneVerification.method, status"
expect_stdout_contains "$message"
expect_stdout_contains "Apply: 0 applied, 0 unchanged, 2 failed."
json_lines_check "$WORK/audit.jsonl" \
  'r["outcome"] == "failed" and r["http_status"] == 200
   and r["error"]["code"] == "NOT_CONVERGED"
   and r["live_digest_after"] == r["live_digest_before"]'

pass
