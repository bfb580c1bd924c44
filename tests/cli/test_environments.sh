# Environments of flowctl.yaml override any setting and are picked with
# --env; ${env:NAME} and ${var:NAME} fill flow values, and a missing one is
# an error naming file and line, except that validate runs without the
# environment's secrets. extends cycles and missing bases are errors. The
# examples repository's staging and production environments work against
# the sandbox.
source "$SOURCE_DIR/tests/cli/lib.sh"

start_sandbox --seed "$SOURCE_DIR/examples/sandbox/flows.json" --log-requests
export VERIFIK_WEBHOOK_SECRET=whsec_sandbox_example_only
TOKEN=$VERIFIK_TOKEN

# --- the examples: staging is its own project, with its own token.
cd "$SOURCE_DIR/examples"
unset VERIFIK_TOKEN
export VERIFIK_TOKEN_STAGING=$TOKEN
run_flowctl plan --env staging --api-url "$SANDBOX_URL"
expect_rc 0
cat >"$WORK/expected.txt" <<'TEXT'
~ flow project_flow_staging_login (envs/staging/login.yaml:2)
    ~ configuration.session.lockoutMinutes: 15 -> 1

Plan: 1 to update, 0 unchanged, 0 failed.
TEXT
diff -u "$WORK/expected.txt" "$WORK/out" || fail "staging plan differs"

run_flowctl drift --env staging --api-url "$SANDBOX_URL" --format json
expect_rc 2
python3 - "$WORK/out" <<'PY' || fail "staging drift is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["environment"] == "staging", d["environment"]
assert d["drift"]["project"] == "project_staging_123456789", d["drift"]
assert d["drift"]["listed"] and d["drift"]["unmanaged"] == [], d["drift"]
assert d["drift"]["changed"] == 1, d["drift"]
PY

run_flowctl apply --env staging --api-url "$SANDBOX_URL" --auto-approve
expect_rc 0
expect_stdout_contains 'Apply: 1 applied, 0 unchanged, 0 failed.'
run_flowctl drift --env staging --api-url "$SANDBOX_URL"
expect_rc 0
expect_stdout_contains 'Drift: 0 changed, 0 missing, 0 unmanaged, 1 in sync.'

# Production reads its own token variable and its own request budget.
unset VERIFIK_TOKEN_STAGING
export VERIFIK_TOKEN=$TOKEN
run_flowctl plan --env production --api-url "$SANDBOX_URL"
expect_rc 1
expect_stderr_contains \
  'flowctl: error: no API token: set the environment variable VERIFIK_TOKEN_PRODUCTION'
VERIFIK_TOKEN_PRODUCTION=$TOKEN run_flowctl plan --env production \
  --api-url "$SANDBOX_URL" --log-level debug
expect_rc 0
expect_stdout_contains 'Plan: 2 to update, 1 unchanged, 0 failed.'
expect_stderr_contains 'with parallelism 8, 60 requests per minute'
expect_no_token

run_flowctl plan --env prod --api-url "$SANDBOX_URL"
expect_rc 1
expect_stderr_contains \
  "flowctl: error: flowctl.yaml: unknown environment 'prod' (known: production, staging)"

# --- a scratch repository: an environment overrides any setting, and vars
# merge key by key.
mkdir -p "$WORK/repo/flows" "$WORK/repo/local"
cd "$WORK/repo"
cat >flowctl.yaml <<YAML
api_url: http://127.0.0.1:9
flows: [flows]
requests_per_minute: 100000
vars: {method: sms, label: Seeded}
environments:
  local:
    api_url: $SANDBOX_URL
    flows: [local]
    vars: {method: whatsapp}
YAML
cat >local/onboarding.yaml <<'YAML'
id: project_flow_123456789
name: ${var:label} onboarding
configuration:
  phoneVerification: {enabled: true, required: true, method: "${var:method}"}
YAML
run_flowctl plan --env local
expect_rc 0
expect_stdout_contains \
  '~ name: "Updated Onboarding Flow" -> "Seeded onboarding"'
grep -q 'phoneVerification' "$WORK/out" &&
  fail "the environment's var did not replace the top-level one"

# A missing variable is an error at its file and line for plan, apply and
# drift.
cat >local/onboarding.yaml <<'YAML'
id: project_flow_123456789
name: ${var:nope}
description: ${env:FLOWCTL_TEST_UNSET}
YAML
unset FLOWCTL_TEST_UNSET
for command in plan drift "apply --auto-approve"; do
  # shellcheck disable=SC2086
  run_flowctl $command --env local
  expect_rc 1
  expect_stderr_contains \
    "flowctl: error: local/onboarding.yaml:2:7: variable 'nope' is not defined in vars"
  expect_stderr_contains \
    "flowctl: error: local/onboarding.yaml:3:14: environment variable 'FLOWCTL_TEST_UNSET' is not set"
done

# validate runs where secrets are not: an unset ${env:...} is a warning,
# and the value it would fill is not checked; a missing var still fails.
cat >local/onboarding.yaml <<'YAML'
id: project_flow_123456789
status: ${env:FLOWCTL_TEST_UNSET}
description: ${env:FLOWCTL_TEST_UNSET}
YAML
run_flowctl validate --env local
expect_rc 0
expect_stdout_contains '1 flow(s) in 1 file(s) are valid.'
expect_stderr_contains "flowctl: local/onboarding.yaml:2:9: environment variable \
'FLOWCTL_TEST_UNSET' is not set (not needed to validate; plan and apply need it)"
printf 'name: ${var:nope}\n' >>local/onboarding.yaml
run_flowctl validate --env local
expect_rc 1
expect_stderr_contains \
  "flowctl: error: local/onboarding.yaml:4:7: variable 'nope' is not defined in vars"
FLOWCTL_TEST_UNSET=not-a-status run_flowctl validate --env local local
expect_rc 1
expect_stderr_contains 'local/onboarding.yaml:2:9: status: (sensitive) is not one of'

# --- extends: a cycle and a missing base name the file and line.
mkdir -p "$WORK/ext"
cd "$WORK/ext"
printf 'id: a\nextends: b.yaml\n' >a.yaml
printf 'extends: a.yaml\nname: x\n' >b.yaml
printf 'id: c\nname: x\nextends: base/none.yaml\n' >c.yaml
run_flowctl validate a.yaml c.yaml
expect_rc 1
expect_stderr_contains \
  'flowctl: error: b.yaml:1:10: extends cycle: a.yaml -> b.yaml -> a.yaml'
expect_stderr_contains \
  "flowctl: error: c.yaml:3:10: extends: cannot read 'base/none.yaml'"
pass
