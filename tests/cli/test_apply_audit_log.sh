# --audit-log appends one JSON line per flow: what changed, by path, and
# the digests before and after; never the token or a secret value. A
# secret from the environment goes to the server, and only there.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

export WEBHOOK_SECRET=whsec-$RANDOM$RANDOM-do-not-print
make_seed 3 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests
write_config "sensitive: [/configuration/webhook/secret]"
mkdir -p "$WORK/flows"
cat >"$WORK/flows/hook.yaml" <<'YAML'
id: project_flow_0001
status: active
configuration:
  phoneVerification: {enabled: true, required: true, method: sms}
  webhook: {url: "https://hooks.example.com/a", secret: "${env:WEBHOOK_SECRET}"}
YAML
write_flow "$WORK/flows/two.yaml" project_flow_0002 paused voice
write_flow "$WORK/flows/three.yaml" project_flow_0003 draft sms
cd "$WORK"

expect_no_secret() {
  local file
  for file in "$WORK/out" "$WORK/err" "$@"; do
    if grep -qF -- "$WEBHOOK_SECRET" "$file"; then
      fail "the secret leaked into $file"
    fi
  done
}

run_flowctl plan --out "$WORK/plan.json"
expect_rc 0
expect_no_secret "$WORK/plan.json"

# The secret moves between plan and apply: the saved plan is refused by
# path, without showing either value.
WEBHOOK_SECRET=rotated-$WEBHOOK_SECRET run_flowctl apply "$WORK/plan.json" \
  --audit-log "$WORK/audit.jsonl" </dev/null
expect_rc 1
message="plan is stale: project_flow_0001 (flows/hook.yaml): values from"
message+=" variables or the environment changed since the plan:"
message+=" configuration.webhook.secret"
expect_stderr_contains "$message"
expect_no_secret
expect_put_count 0
[ ! -s "$WORK/audit.jsonl" ] || fail "a refused plan wrote audit lines"

run_flowctl apply "$WORK/plan.json" --audit-log "$WORK/audit.jsonl" </dev/null
expect_rc 0
expect_stdout_contains "Apply: 2 applied, 1 unchanged, 0 failed."
expect_no_secret "$WORK/audit.jsonl"
expect_no_token "$WORK/audit.jsonl"
# The real value, restored from the environment, is what the server got.
grep -qF -- "\"secret\":\"$WEBHOOK_SECRET\"" "$WORK/sandbox.log" ||
  fail "the PUT did not carry the secret"

python3 - "$WORK/audit.jsonl" <<'PY' || fail "the audit lines are wrong"
import json, re, sys
text = open(sys.argv[1]).read()
assert text.endswith("\n")
records = {}
for line in text.splitlines():
    r = json.loads(line)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", r["time"]), r
    assert set(r) >= {"time", "flow", "file", "outcome", "changed_paths",
                      "live_digest_before", "live_digest_after",
                      "http_status"}, r
    records[r["flow"]] = r
assert len(records) == 3, records
hook = records["project_flow_0001"]
assert hook["outcome"] == "applied" and hook["http_status"] == 200, hook
assert hook["file"] == "flows/hook.yaml", hook
assert hook["changed_paths"] == ["configuration.webhook", "status"], hook
assert hook["live_digest_before"].startswith("hmac-sha256:"), hook
assert hook["live_digest_after"].startswith("hmac-sha256:"), hook
assert hook["live_digest_after"] != hook["live_digest_before"], hook
assert "error" not in hook, hook
three = records["project_flow_0003"]
assert three["outcome"] == "unchanged" and three["http_status"] is None, three
assert three["changed_paths"] == [], three
PY

# A later run appends to the same file.
write_flow "$WORK/flows/three.yaml" project_flow_0003 active sms
run_flowctl apply --auto-approve --audit-log "$WORK/audit.jsonl"
expect_rc 0
[ "$(wc -l <"$WORK/audit.jsonl")" -eq 6 ] || fail "expected 6 audit lines"
expect_no_secret "$WORK/audit.jsonl"
expect_plan_clean

# An audit log that cannot be opened stops the run before anything is
# fetched or sent; one that cannot be written to is reported once and the
# apply goes on.
write_flow "$WORK/flows/three.yaml" project_flow_0003 paused sms
run_flowctl apply --auto-approve --audit-log "$WORK/no/such/dir/audit.jsonl"
expect_rc 1
expect_stderr_contains "flowctl: error: $WORK/no/such/dir/audit.jsonl:\
 cannot open the audit log: No such file or directory"
expect_put_count 3
run_flowctl apply --auto-approve --audit-log /dev/full
expect_rc 0
[ "$(grep -c 'cannot write the audit log' "$WORK/err")" -eq 1 ] ||
  fail "expected one warning about the audit log: $(cat "$WORK/err")"
expect_put_count 4

# The documented one-liner reads the log.
if command -v jq >/dev/null; then
  jq -r 'select(.outcome == "applied") | [.time, .flow] | @tsv' \
    "$WORK/audit.jsonl" >"$WORK/jq.out"
  [ "$(wc -l <"$WORK/jq.out")" -eq 3 ] || fail "jq found $(cat "$WORK/jq.out")"
fi

pass
