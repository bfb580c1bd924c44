# drift is read-only and reports three kinds of difference: changed flows,
# flows in git the API does not have, and live flows of the project that no
# file declares, found through every page of the list endpoint. Exit 0 when
# all match, 2 on drift, 1 on error; text, json (valid against the plan
# schema) and markdown.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/gitops/gitops_lib.sh"

# 130 flows: the list endpoint gives at most 100 a page.
make_project_seed 130 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests
write_project_config
write_seeded_flows 1 130
cd "$WORK"

run_flowctl drift
expect_rc 0
expect_stdout_contains 'No drift. Live flows match the files.'
expect_stdout_contains 'Drift: 0 changed, 0 missing, 0 unmanaged, 130 in sync.'
grep -q '^GET /v2/project-flows?.*page=2.* 200$' "$WORK/sandbox.log" ||
  fail "drift did not read the second page: $(grep '?' "$WORK/sandbox.log")"
[ "$(sandbox_puts)" -eq 0 ] || fail "drift sent a PUT"

# One flow changed live, one file whose flow the API lacks, and two live
# flows no file declares: one on the first page, one on the second.
put_live project_flow_0003 '{"status":"paused"}'
rm "$WORK/flows/project_flow_0002.yaml" "$WORK/flows/project_flow_0125.yaml"
printf 'id: ghost_flow\nstatus: active\n' >"$WORK/flows/ghost.yaml"
puts_before=$(sandbox_puts)

run_flowctl drift
expect_rc 2
cat >"$WORK/expected.txt" <<'TEXT'
~ flow project_flow_0003 (flows/project_flow_0003.yaml:1)
    ~ status: "paused" -> "draft"

- missing flow ghost_flow (flows/ghost.yaml:1): declared in git, not found by the API
+ unmanaged flow project_flow_0002 ("Flow 2", draft): live in project project_big, declared in no file
+ unmanaged flow project_flow_0125 ("Flow 125", draft): live in project project_big, declared in no file
Drift: 1 changed, 1 missing, 2 unmanaged, 127 in sync.
TEXT
diff -u "$WORK/expected.txt" "$WORK/out" || fail "drift text differs"
expect_no_token
cp "$WORK/out" "$WORK/drift.txt"

run_flowctl drift --format json
expect_rc 2
cp "$WORK/out" "$WORK/drift.json"
expect_schema_valid "$WORK/drift.json"
python3 - "$WORK/drift.json" <<'PY' || fail "drift json is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 1, d["format_version"]
assert d["drift"] == {
    "changed": 1, "in_sync": 127, "errors": 0, "project": "project_big",
    "listed": True,
    "missing": [{"id": "ghost_flow", "file": "flows/ghost.yaml", "line": 1}],
    "unmanaged": [
        {"id": "project_flow_0002", "name": "Flow 2", "status": "draft"},
        {"id": "project_flow_0125", "name": "Flow 125", "status": "draft"}],
}, d["drift"]
changed = [f["id"] for f in d["flows"] if f["action"] == "update"]
assert changed == ["project_flow_0003"], changed
PY

# The same schema still accepts a plan, which has no drift object.
run_flowctl plan --format json
expect_rc 1
cp "$WORK/out" "$WORK/plan.json"
expect_schema_valid "$WORK/plan.json"
python3 -c 'import json,sys; assert "drift" not in json.load(open(sys.argv[1]))' \
  "$WORK/plan.json" || fail "plan json has a drift object"

run_flowctl drift --format markdown
expect_rc 2
cp "$WORK/out" "$WORK/drift.md"
expect_stdout_contains '## flowctl drift'
expect_stdout_contains \
  '**Drift:** 1 changed, 1 missing, 2 unmanaged, 127 in sync.'
expect_stdout_contains \
  '<details><summary>~ <code>project_flow_0003</code> (flows/project_flow_0003.yaml) — 1 change</summary>'
expect_stdout_contains '<li><code>ghost_flow</code> (flows/ghost.yaml:1)</li>'
expect_stdout_contains \
  'Live in project <code>project_big</code>, declared in no file.'
expect_stdout_contains '<li><code>project_flow_0125</code> Flow 125 (draft)</li>'
if grep -q 'Plan:' "$WORK/drift.md" "$WORK/drift.txt"; then
  fail "a drift report carries a plan's summary line"
fi

[ "$(sandbox_puts)" -eq "$puts_before" ] || fail "drift sent a PUT"

# --target narrows the check to named flows and does not list strays.
run_flowctl drift --target project_flow_0004
expect_rc 0
expect_stdout_contains 'Drift: 0 changed, 0 missing, 0 unmanaged, 1 in sync.'

# Errors are exit 1, not drift. A token the server refuses: every flow
# fails, and so does the listing, which the report says too.
VERIFIK_TOKEN=wrong-token run_flowctl drift
expect_rc 1
expect_stdout_contains 'Drift: 0 changed, 0 missing, 0 unmanaged, 0 in sync, 129 failed.'
expect_stdout_contains '! unmanaged flows not looked for: cannot list the flows'
expect_stderr_contains \
  'flowctl: error: cannot list the flows of project project_big: HTTP 401'
if grep -qF wrong-token "$WORK/out" "$WORK/err"; then
  fail "token in the output"
fi
grep -q 'No drift' "$WORK/out" && fail "a failed check claims no drift"

# No server at all (one flow: each request is retried before it fails).
stop_sandbox
run_flowctl drift --target project_flow_0004
expect_rc 1
expect_stdout_contains '1 failed.'
pass
