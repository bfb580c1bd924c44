# plan --out saves the plan; show renders it in every format; the saved file
# holds digests of sensitive values and never the token or a secret.
source "$SOURCE_DIR/tests/cli/lib.sh"

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json"
cd "$SOURCE_DIR/examples"
export VERIFIK_WEBHOOK_SECRET="rotated-secret-$RANDOM$RANDOM"

run_flowctl plan --api-url "$SANDBOX_URL" --out "$WORK/plan.json"
expect_rc 0
cp "$WORK/out" "$WORK/plan.txt"
expect_stdout_contains \
  '~ configuration.webhook.secret: (sensitive) -> (sensitive)'
[ -f "$WORK/plan.json" ] || fail "no plan file"
[ "$(stat -c %a "$WORK/plan.json")" = 600 ] || fail "plan file not private"

for file in "$WORK/plan.json" "$WORK/plan.txt"; do
  grep -qF "$VERIFIK_WEBHOOK_SECRET" "$file" && fail "secret in $file"
  grep -qF "whsec_sandbox_example_only" "$file" && fail "live secret in $file"
done
expect_no_token "$WORK/plan.json"

/usr/bin/python3 - "$WORK/plan.json" "$SOURCE_DIR/schemas/plan.schema.json" <<'PY'
import json, sys, jsonschema
plan = json.load(open(sys.argv[1]))
jsonschema.validate(plan, json.load(open(sys.argv[2])))
kyc = next(f for f in plan["flows"] if f["id"] == "project_flow_323456789")
secret = kyc["body"]["configuration"]["webhook"]["secret"]
assert list(secret) == ["$sensitive"], secret
assert secret["$sensitive"].startswith("hmac-sha256:"), secret
# The ignored thresholds travel in the body with their live values.
assert kyc["body"]["configuration"]["securityThresholds"] == \
    {"faceMatch": 0.85, "liveness": 0.9}, kyc["body"]
PY

run_flowctl show "$WORK/plan.json"
expect_rc 0
diff -u "$WORK/plan.txt" "$WORK/out" || fail "show differs from plan"

# A plan that is not saved keeps less of each flow; what it shows is the same.
run_flowctl plan --api-url "$SANDBOX_URL"
expect_rc 0
diff -u "$WORK/plan.txt" "$WORK/out" || fail "unsaved plan differs from saved"

# A JSON plan holds each flow's fields and digests as a saved one does.
run_flowctl plan --api-url "$SANDBOX_URL" --format json
expect_rc 0
/usr/bin/python3 - "$WORK/plan.json" "$WORK/out" <<'PY'
import json, sys
saved, shown = (json.load(open(p)) for p in sys.argv[1:])
keep = ("desired", "live", "live_digest", "body", "changes")
for a, b in zip(saved["flows"], shown["flows"], strict=True):
    assert a["live_digest"].startswith("hmac-sha256:"), a["id"]
    assert a["desired"] and a["live"], a["id"]
    for key in keep:
        assert a[key] == b[key], (a["id"], key)
PY

run_flowctl show "$WORK/plan.json" --format markdown
expect_rc 0
expect_stdout_contains '<!-- flowctl-plan -->'
grep -qF "$VERIFIK_WEBHOOK_SECRET" "$WORK/out" && fail "secret in markdown"

run_flowctl show "$WORK/plan.json" --format json
expect_rc 0
diff -u "$WORK/plan.json" "$WORK/out" ||
  fail "show --format json differs from the saved plan"

echo 'not a plan' >"$WORK/broken.json"
run_flowctl show "$WORK/broken.json"
expect_rc 1
expect_stderr_contains 'broken.json: not a plan file'

# A plan cut off partway is still recognised as one, not read as flow YAML.
head -c 1000 "$WORK/plan.json" >"$WORK/cut.json"
run_flowctl apply "$WORK/cut.json" --auto-approve
expect_rc 1
expect_stderr_contains ': not a plan file (it ends inside its JSON)'
grep -qE 'cut\.json:[0-9]+:[0-9]+: not a plan file' "$WORK/err" ||
  fail "the cut plan's error names no line and column"
pass
