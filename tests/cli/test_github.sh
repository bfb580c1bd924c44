# In GitHub Actions (GITHUB_ACTIONS=true) input errors become ::error
# annotations at the right file, line and column, escaped as workflow
# commands need; unset ${env:...} values in validate become ::warning
# annotations; plan appends its markdown to $GITHUB_STEP_SUMMARY.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/gitops/gitops_lib.sh"

make_project_seed 2 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json"
write_project_config
write_seeded_flows 1 2
mkdir -p "$WORK/flows/team"
cat >"$WORK/flows/team/broken.yaml" <<'YAML'
id: team_flow
name: Team
status: actve
YAML
cd "$WORK"

GITHUB_ACTIONS=true run_flowctl validate
expect_rc 1
expect_stdout_contains \
  '::error file=flows/team/broken.yaml,line=3,col=9::status: "actve" is not one of draft, active, paused'
expect_stderr_contains \
  'flowctl: error: flows/team/broken.yaml:3:9: status: "actve" is not one of'
# plan reads the same files and annotates the same way.
GITHUB_ACTIONS=true run_flowctl plan
expect_rc 1
expect_stdout_contains '::error file=flows/team/broken.yaml,line=3,col=9::'
# Outside GitHub Actions there are no workflow commands.
run_flowctl validate
expect_rc 1
if grep -q '^::' "$WORK/out"; then
  fail "workflow commands outside GitHub Actions"
fi

# Escaping: '%', CR and LF in the message; also ':' and ',' in properties.
mkdir -p "$WORK/odd"
printf 'id: odd\n"st%%a\\r\\ntus": x\n' >"$WORK/odd/we,ird:na%me.yaml"
GITHUB_ACTIONS=true run_flowctl validate "odd/we,ird:na%me.yaml"
expect_rc 1
grep -qxF \
  "::error file=odd/we%2Cird%3Ana%25me.yaml,line=2,col=1::unknown field 'st%25a%0D%0Atus'" \
  "$WORK/out" || fail "annotation not escaped: $(cat "$WORK/out")"
# The same message on stderr shows the control characters, inert.
expect_stderr_contains "unknown field 'st%a\\x0d\\x0atus'"

# An unset ${env:...} is a warning annotation from validate, not an error.
rm "$WORK/flows/team/broken.yaml"
printf 'id: hooked\ndescription: "${env:FLOWCTL_TEST_UNSET}"\n' \
  >"$WORK/flows/team/hooked.yaml"
unset FLOWCTL_TEST_UNSET
GITHUB_ACTIONS=true run_flowctl validate
expect_rc 0
expect_stdout_contains \
  "::warning file=flows/team/hooked.yaml,line=2,col=14::environment variable 'FLOWCTL_TEST_UNSET' is not set"
rm "$WORK/flows/team/hooked.yaml"

# The job summary gets the plan's markdown, appended on each run; stdout
# keeps the format asked for.
put_live project_flow_0001 '{"status":"active"}'
export GITHUB_STEP_SUMMARY="$WORK/summary.md"
echo "# Earlier step" >"$GITHUB_STEP_SUMMARY"
GITHUB_ACTIONS=true run_flowctl plan
expect_rc 0
expect_stdout_contains '~ status: "active" -> "draft"'
grep -q '^<!--' "$WORK/out" && fail "stdout got markdown"
GITHUB_ACTIONS=true run_flowctl plan --format json
expect_rc 0
python3 - "$GITHUB_STEP_SUMMARY" <<'PY' || fail "summary is wrong: $(cat "$GITHUB_STEP_SUMMARY")"
import sys
text = open(sys.argv[1]).read()
assert text.startswith("# Earlier step\n<!-- flowctl-plan -->\n## flowctl plan\n"), text
assert text.count("<!-- flowctl-plan -->") == 2, text
assert text.count("**Plan:** 1 to update, 1 unchanged, 0 failed") == 2, text
assert "<code>project_flow_0001</code>" in text, text
PY
expect_no_token "$GITHUB_STEP_SUMMARY"

# Not in GitHub Actions: the file is left alone.
cp "$GITHUB_STEP_SUMMARY" "$WORK/summary.before"
run_flowctl plan
expect_rc 0
cmp -s "$WORK/summary.before" "$GITHUB_STEP_SUMMARY" ||
  fail "the summary was written outside GitHub Actions"

# A summary that cannot be written is a warning; the plan still succeeds.
GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY="$WORK/no/such/dir/summary.md" \
  run_flowctl plan --detailed-exitcode
expect_rc 2
expect_stderr_contains 'could not append to the GitHub step summary'

# --format github does the same outside GitHub Actions: text on stdout, the
# report in the job summary, annotations for errors; drift too.
: >"$GITHUB_STEP_SUMMARY"
run_flowctl plan --format github
expect_rc 0
expect_stdout_contains '~ status: "active" -> "draft"'
grep -q '^<!-- flowctl-plan -->' "$GITHUB_STEP_SUMMARY" ||
  fail "--format github wrote no summary"
: >"$GITHUB_STEP_SUMMARY"
run_flowctl drift --format github
expect_rc 2
expect_stdout_contains 'Drift: 1 changed'
grep -q '1 changed' "$GITHUB_STEP_SUMMARY" ||
  fail "drift wrote no summary: $(cat "$GITHUB_STEP_SUMMARY")"
printf 'id: team_flow\nstatus: actve\n' >"$WORK/flows/team/broken.yaml"
run_flowctl validate --format github
expect_rc 1
expect_stdout_contains '::error file=flows/team/broken.yaml,line=2,col=9::'
run_flowctl plan --format github
expect_rc 1
expect_stdout_contains '::error file=flows/team/broken.yaml,line=2,col=9::'
pass
