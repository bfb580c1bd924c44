# Values from ${env:...} and values at `sensitive:` paths (from the file or
# from the server) never appear in what flowctl prints or writes: plan,
# drift and show in every format, logs at debug in text and json, saved
# plans and the audit log. They still go to the server in full.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/gitops/gitops_lib.sh"

make_project_seed 2 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests
write_project_config "sensitive: [/configuration/webhook/secret, /configuration/partner/apiKey]"

suffix=$RANDOM$RANDOM
export WEBHOOK_SECRET=whsec-env-$suffix
export DESCRIPTION_SECRET=description-env-$suffix
FILE_SECRET=apikey-file-$suffix
LIVE_SECRET=whsec-live-$suffix
put_live project_flow_0001 \
  "{\"configuration\":{\"webhook\":{\"secret\":\"$LIVE_SECRET\"}}}"

mkdir -p "$WORK/flows"
cat >"$WORK/flows/one.yaml" <<YAML
id: project_flow_0001
description: "\${env:DESCRIPTION_SECRET}"
configuration:
  phoneVerification: {enabled: true, required: true, method: sms}
  webhook: {secret: "\${env:WEBHOOK_SECRET}"}
  partner: {apiKey: $FILE_SECRET}
YAML
write_seeded_flows 2 2
cd "$WORK"

secrets=("$WEBHOOK_SECRET" "$DESCRIPTION_SECRET" "$FILE_SECRET" "$LIVE_SECRET")
checked=0
expect_no_secret() {
  local file secret
  for file in "$WORK/out" "$WORK/err" "$@"; do
    for secret in "${secrets[@]}"; do
      if grep -qF -- "$secret" "$file"; then
        fail "a sensitive value leaked into $file: $(grep -F -- "$secret" "$file")"
      fi
    done
  done
  expect_no_token "$@"
  checked=$((checked + 1))
}

for format in text json markdown; do
  for level in info trace; do
    for log_format in text json; do
      run_flowctl plan --format "$format" --log-level "$level" \
        --log-format "$log_format"
      expect_rc 0
      expect_no_secret
      run_flowctl drift --format "$format" --log-level "$level" \
        --log-format "$log_format"
      expect_rc 2
      expect_no_secret
    done
  done
done
# The masks are really there, not an empty output.
run_flowctl plan
expect_stdout_contains '~ configuration.webhook.secret: (sensitive) -> (sensitive)'
expect_stdout_contains '~ description: (sensitive) -> (sensitive)'
expect_stdout_contains '+ configuration.partner: {"apiKey":"(sensitive)"}'
run_flowctl plan --log-level trace
expect_stderr_contains 'GET /v2/project-flows/project_flow_0001 -> 200'

run_flowctl plan --out "$WORK/plan.json" --log-level trace
expect_rc 0
expect_no_secret "$WORK/plan.json"
grep -qF '"$sensitive": "hmac-sha256:' "$WORK/plan.json" ||
  fail "the saved plan holds no digest of the sensitive values"
for format in text json markdown; do
  run_flowctl show "$WORK/plan.json" --format "$format"
  expect_rc 0
  expect_no_secret
done

run_flowctl apply "$WORK/plan.json" --audit-log "$WORK/audit.jsonl" \
  --log-level trace </dev/null
expect_rc 0
expect_stdout_contains 'Apply: 1 applied, 1 unchanged, 0 failed.'
expect_no_secret "$WORK/audit.jsonl"

# The PUT the sandbox received carried every value in full.
body=$(grep -A1 '^PUT /v2/project-flows/project_flow_0001 200$' \
  "$WORK/sandbox.log" | tail -n 1)
python3 - "$body" "$WEBHOOK_SECRET" "$DESCRIPTION_SECRET" "$FILE_SECRET" <<'PY' ||
import json, sys
body = json.loads(sys.argv[1])
assert body["description"] == sys.argv[3], body
assert body["configuration"]["webhook"]["secret"] == sys.argv[2], body
assert body["configuration"]["partner"]["apiKey"] == sys.argv[4], body
PY
  fail "the PUT body lacks the real values: $body"

run_flowctl drift --log-level trace
expect_rc 0
expect_no_secret
[ "$checked" -eq 30 ] || fail "expected 30 checked outputs, got $checked"
pass
