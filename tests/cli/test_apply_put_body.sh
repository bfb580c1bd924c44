# apply sends exactly the changed top-level fields, whole, as JSON, with the
# token; ignored paths inside a sent field keep their live values.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 2 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests
write_config "ignore: [/configuration/phoneVerification/required]"
mkdir -p "$WORK/flows"
# Flow 1: status and the phone method change; `required` is ignored, so
# the live true goes out although the file says false. Flow 2: no change.
cat >"$WORK/flows/one.yaml" <<'YAML'
id: project_flow_0001
name: Flow 1
status: active
configuration:
  phoneVerification: {enabled: true, required: false, method: whatsapp}
YAML
write_flow "$WORK/flows/two.yaml" project_flow_0002 draft sms
cd "$WORK"

run_flowctl apply --auto-approve
expect_rc 0
expect_put_count 1
grep -qx 'PUT /v2/project-flows/project_flow_0001 200' "$WORK/sandbox.log" ||
  fail "no authorised PUT of project_flow_0001: $(cat "$WORK/sandbox.log")"
expected='{"configuration":{"phoneVerification":{"enabled":true,'
expected+='"method":"whatsapp","required":true}},"status":"active"}'
grep -A1 '^PUT /v2/project-flows/project_flow_0001' "$WORK/sandbox.log" |
  tail -n 1 >"$WORK/body"
[ "$(cat "$WORK/body")" = "$expected" ] ||
  fail "PUT body was $(cat "$WORK/body"), expected $expected"
expect_stdout_contains \
  "  applied    project_flow_0001  flows/one.yaml  (2 changes)"
expect_stdout_contains "  unchanged  project_flow_0002  flows/two.yaml"
expect_stdout_contains "Apply: 1 applied, 1 unchanged, 0 failed."
expect_no_token
expect_plan_clean

# The headers: a recorder in place of the API shows what a PUT carries.
stop_sandbox
start_recorder "$WORK/seed.json" "$WORK/record.jsonl"
write_config "ignore: [/configuration/phoneVerification/required]"

run_flowctl apply --auto-approve
expect_rc 0
python3 - "$WORK/record.jsonl" <<'PY' || fail "the recorded PUT is wrong"
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
assert len(records) == 1, records
put = records[0]
assert put["path"] == "/v2/project-flows/project_flow_0001", put
assert put["content_type"] == "application/json", put
assert put["authorized"] is True, put
assert put["body"] == {
    "status": "active",
    "configuration": {"phoneVerification": {
        "enabled": True, "required": True, "method": "whatsapp"}}}, put
PY
expect_no_token "$WORK/record.jsonl"

pass
