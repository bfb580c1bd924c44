# One flow the server refuses does not stop the others; the summary names
# each outcome, the run fails, and a re-run after the fix converges.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

# The live flow 2 holds a step whose stepType is not a string. Its stepType
# is ignored, so a PUT carrying the steps sends that live value back, and
# the server refuses the body; the flow file itself is valid.
make_seed 3 "$WORK/seed.json"
python3 - "$WORK/seed.json" <<'PY'
import json, sys
flows = json.load(open(sys.argv[1]))
flows[1]["steps"][0]["stepType"] = 5
json.dump(flows, open(sys.argv[1], "w"))
PY
start_sandbox --seed "$WORK/seed.json" --log-requests
write_config "ignore: [/steps/*/stepType]"
mkdir -p "$WORK/flows"
for i in 1 2 3; do
  cat >"$WORK/flows/f$i.yaml" <<YAML
id: project_flow_000$i
status: active
steps:
  - {stepType: email, order: 1, required: false}
  - {stepType: phone, order: 2, required: true}
YAML
done
cd "$WORK"

run_flowctl apply --auto-approve --audit-log "$WORK/audit.jsonl"
expect_rc 1
expect_put_count 3
expect_stdout_contains \
  "  applied    project_flow_0001  flows/f1.yaml  (2 changes)"
message="  failed     project_flow_0002  flows/f2.yaml  HTTP 400"
message+=" INVALID_CONFIGURATION: Invalid configuration"
expect_stdout_contains "$message"
expect_stdout_contains \
  "  applied    project_flow_0003  flows/f3.yaml  (2 changes)"
expect_stdout_contains "Apply: 2 applied, 0 unchanged, 1 failed."
json_lines_check "$WORK/audit.jsonl" \
  'r["outcome"] == "applied" or (
     r["flow"] == "project_flow_0002" and r["outcome"] == "failed"
     and r["http_status"] == 400 and r["live_digest_after"] is None
     and r["error"] == {"code": "INVALID_CONFIGURATION",
                        "message": "Invalid configuration"})'
expect_no_token "$WORK/audit.jsonl"

# Someone repairs the live flow; the same command now converges.
edit_live project_flow_0002 '{"steps":[
  {"stepType":"email","order":1,"required":true},
  {"stepType":"phone","order":2,"required":true}]}'
run_flowctl apply --auto-approve
expect_rc 0
expect_stdout_contains \
  "  applied    project_flow_0002  flows/f2.yaml  (2 changes)"
expect_stdout_contains "Apply: 1 applied, 2 unchanged, 0 failed."
expect_plan_clean

pass
