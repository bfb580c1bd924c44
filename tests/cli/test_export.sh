# export writes the live flows of the project (every page of the list) as
# YAML, one file per flow named after its id, with only the updatable fields
# in a fixed order under the schema comment; a plan of the result shows no
# change. An id that could leave the folder is refused; existing files are
# replaced only with --force; every file is written whole or not at all.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/gitops/gitops_lib.sh"

make_project_seed 130 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests
write_project_config
cd "$WORK"
umask 022

run_flowctl export --out flows
expect_rc 0
expect_stdout_contains 'exported project_flow_0130 to flows/project_flow_0130.yaml'
expect_stdout_contains 'Export: 130 written, 0 failed.'
expect_no_token
[ "$(ls flows | wc -l)" -eq 130 ] || fail "expected 130 files: $(ls flows)"
[ ! -e flows/foreign_flow_1.yaml ] || fail "a flow of another project was exported"
[ "$(stat -c %a flows/project_flow_0101.yaml)" = 644 ] ||
  fail "an exported file does not follow the umask"
[ "$(sandbox_puts)" -eq 0 ] || fail "export sent a PUT"

cat >"$WORK/expected.yaml" <<'YAML'
# yaml-language-server: $schema=../schemas/project-flow.schema.json
id: "project_flow_0007"
name: "Flow 7"
description: "seeded"
status: "draft"
configuration:
  phoneVerification:
    enabled: true
    method: "sms"
    required: true
steps:
  - order: 1
    required: true
    stepType: "email"
  - order: 2
    required: true
    stepType: "phone"
YAML
diff -u "$WORK/expected.yaml" flows/project_flow_0007.yaml ||
  fail "the exported file differs"

# The round trip: the exported repository plans clean, and drift agrees.
run_flowctl validate
expect_rc 0
expect_stdout_contains '130 flow(s) in 130 file(s) are valid.'
run_flowctl plan --detailed-exitcode
expect_rc 0
expect_stdout_contains 'Plan: 0 to update, 130 unchanged, 0 failed.'
run_flowctl drift
expect_rc 0

# A second export would overwrite: refused whole, before anything is
# fetched or written, naming the files.
put_live project_flow_0007 '{"name":"Renamed live"}'
cp flows/project_flow_0007.yaml "$WORK/before.yaml"
gets_before=$(grep -c '^GET /v2/project-flows/' "$WORK/sandbox.log")
run_flowctl export --out flows
expect_rc 1
expect_stderr_contains 'flowctl: error: 130 file(s) already exist: flows/project_flow_0001.yaml,'
expect_stderr_contains 'and 125 more (nothing was written; --force replaces them)'
cmp -s "$WORK/before.yaml" flows/project_flow_0007.yaml ||
  fail "a refused export changed a file"
[ "$(grep -c '^GET /v2/project-flows/' "$WORK/sandbox.log")" -eq "$gets_before" ] ||
  fail "a refused export fetched flows"

# --id picks flows; --force replaces the file whole, through a rename.
run_flowctl export --out flows --id project_flow_0007 --force
expect_rc 0
expect_stdout_contains 'Export: 1 written, 0 failed.'
grep -qx 'name: "Renamed live"' flows/project_flow_0007.yaml ||
  fail "--force did not replace the file"
if ls -a flows | grep -q '\.tmp-'; then
  fail "a temporary file was left behind"
fi

# Live text that reads like a reference is written escaped, and plans clean.
put_live project_flow_0008 \
  '{"description":"costs $5 ${var:w} $${env:X}","steps":[{"stepType":"${","order":1}]}'
run_flowctl export --out flows --id project_flow_0008 --force
expect_rc 0
grep -qxF 'description: "costs $5 $${var:w} $$${env:X}"' \
  flows/project_flow_0008.yaml || fail "\${ was not escaped: $(cat flows/project_flow_0008.yaml)"
run_flowctl plan --detailed-exitcode --target project_flow_0008
expect_rc 0
expect_stdout_contains 'Plan: 0 to update, 1 unchanged, 0 failed.'

# Ids are checked before anything is fetched: none may leave the folder.
for bad in '../escape' 'a/b' '.' '' "$(printf 'x%.0s' $(seq 129))"; do
  run_flowctl export --out "$WORK/other" --id "$bad"
  expect_rc 1
  expect_stderr_contains "' is not a valid id (1 to 128 letters, digits, _ and -)"
done
[ ! -e "$WORK/other" ] || fail "a refused export created the folder"
[ ! -e "$WORK/escape.yaml" ] || fail "an id escaped the folder"

# A flow the API does not have fails alone; the others are written.
run_flowctl export --out "$WORK/some" --id project_flow_0001 --id nope_flow
expect_rc 1
expect_stderr_contains 'flowctl: error: flow nope_flow: HTTP 404'
expect_stdout_contains 'Export: 1 written, 1 failed.'
[ -f "$WORK/some/project_flow_0001.yaml" ] || fail "the good flow was not written"
[ ! -e "$WORK/some/nope_flow.yaml" ] || fail "a file for a missing flow"

# A value at a sensitive path is written as live holds it, with a warning
# that names the file and the path, never the value.
write_project_config "sensitive: [/configuration/webhook/secret]"
secret=whsec-$RANDOM$RANDOM
put_live project_flow_0009 "{\"configuration\":{\"webhook\":{\"secret\":\"$secret\"}}}"
run_flowctl export --out "$WORK/secrets" --id project_flow_0009
expect_rc 0
expect_stderr_contains "flowctl: $WORK/secrets/project_flow_0009.yaml: holds the live \
value at the sensitive path /configuration/webhook/secret; replace it with \
\${env:NAME} before committing the file"
if grep -qF -- "$secret" "$WORK/out" "$WORK/err"; then
  fail "export printed a sensitive value"
fi

# Without --id the project is needed.
sed -i '/^project:/d' "$WORK/flowctl.yaml"
run_flowctl export --out "$WORK/none"
expect_rc 1
expect_stderr_contains 'export needs --id or a project in the settings'
# A listed id that cannot name a file is reported; the others are written.
stop_sandbox
printf '[{"_id":"good_1","project":"p"},{"_id":"up.yaml","project":"p"}]' \
  >"$WORK/odd.json"
start_sandbox --seed "$WORK/odd.json"
printf 'api_url: %s\nproject: p\n' "$SANDBOX_URL" >"$WORK/flowctl.yaml"
run_flowctl export --out "$WORK/odd"
expect_rc 1
expect_stderr_contains "flowctl: error: flow 'up.yaml' of project p: the id cannot name a file"
expect_stdout_contains 'Export: 1 written, 1 failed.'
[ -f "$WORK/odd/good_1.yaml" ] || fail "the good flow was not written"
[ "$(ls "$WORK/odd" | wc -l)" -eq 1 ] || fail "unexpected files: $(ls "$WORK/odd")"
pass
