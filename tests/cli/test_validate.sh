# validate reads every file offline, reports every error with file:line:col,
# and exits 1; valid files pass without a token or a server.
source "$SOURCE_DIR/tests/cli/lib.sh"

unset VERIFIK_TOKEN
mkdir -p "$WORK/repo/flows"
cd "$WORK/repo"
cat >flows/a.yaml <<'YAML'
id: flow_a
stauts: active
status: actve
configuration:
  emailVerification: {enabled: "true"}
steps:
  - {stepType: email, order: 1}
  - {stepType: phone, order: 1}
YAML
cat >flows/b.yaml <<'YAML'
id: flow_b
name: x
name: y
YAML
cat >flows/d.yaml <<'YAML'
id: flow_a
configuration:
  emailVerification: {enabled: false}
steps:
  - {stepType: email, order: 1}
YAML

run_flowctl validate
expect_rc 1
expect_stderr_contains \
  "flowctl: error: flows/a.yaml:2:1: unknown field 'stauts' (did you mean 'status'?)"
expect_stderr_contains \
  'flows/a.yaml:3:9: status: "actve" is not one of draft, active, paused'
expect_stderr_contains \
  'flows/a.yaml:5:32: configuration.emailVerification.enabled: expected boolean, got string "true"'
expect_stderr_contains \
  'flows/a.yaml:8:30: steps[1].order: duplicate order 1 (first at line 7)'
expect_stderr_contains \
  "flows/b.yaml:3:1: duplicate key 'name' (first at line 2)"
expect_stderr_contains \
  "flows/d.yaml:1:5: duplicate flow id 'flow_a' (first at flows/a.yaml:1)"
expect_stderr_contains \
  "flows/d.yaml:5:16: steps[0].stepType: step 'email' needs configuration.emailVerification, which is disabled (line 3)"
expect_stdout_contains '7 error(s) found.'

printf 'id: flow_c\nsteps: [ {stepType: email, order: 1\n' >flows/c.yaml
run_flowctl validate flows/c.yaml
expect_rc 1
expect_stderr_contains 'flows/c.yaml:3:1: invalid YAML'

# In GitHub Actions the same errors become annotations on the right line.
GITHUB_ACTIONS=true run_flowctl validate flows/b.yaml
expect_rc 1
expect_stdout_contains \
  "::error file=flows/b.yaml,line=3,col=1::duplicate key 'name' (first at line 2)"

cd "$SOURCE_DIR/examples"
VERIFIK_WEBHOOK_SECRET=s3cret run_flowctl validate
expect_rc 0
expect_stdout_contains '3 flow(s) in 3 file(s) are valid.'
pass
