# plan colours its text only when stdout is a terminal and neither
# --no-color nor a non-empty NO_COLOR says otherwise, and colour changes
# nothing but the escape codes. With 50 flows or more and stderr a
# terminal, stderr shows a "fetched N/M flows" progress line; with fewer
# flows, or stderr a file, it does not, and stdout never does.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 50 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json"
write_config
write_flows 50 active whatsapp
cd "$WORK"
ESC=$'\033['

# on_tty STREAMS ARGS...: flowctl with STREAMS on terminals; output in
# $WORK/out and $WORK/err, exit code in $RC.
on_tty() {
  local streams=$1
  shift
  set +e
  python3 "$FIXTURES/on_tty.py" "$streams" "$FLOWCTL" "$@" </dev/null \
    >"$WORK/out" 2>"$WORK/err"
  RC=$?
  set -e
}

expect_colour() {
  grep -qF "$ESC" "$WORK/out" || fail "$1: no colour: $(cat -v "$WORK/out")"
}

expect_no_colour() {
  if grep -qF $'\033' "$WORK/out" "$WORK/err"; then
    fail "$1: escape codes: $(cat -v "$WORK/out" "$WORK/err")"
  fi
}

expect_no_progress() {
  if grep -qF "fetched" "$WORK/out" "$WORK/err"; then
    fail "$1: progress shown: $(cat -v "$WORK/err")"
  fi
}

# The plain text, from a file, is what every other case is held to.
run_flowctl plan flows/project_flow_0001.yaml
expect_rc 0
expect_no_colour "stdout a file"
cp "$WORK/out" "$WORK/plain"

unset NO_COLOR
on_tty stdout plan flows/project_flow_0001.yaml
expect_rc 0
expect_colour "stdout a terminal"
grep -qF "${ESC}1mPlan:${ESC}0m 1 to update" "$WORK/out" ||
  fail "the summary is not bold: $(cat -v "$WORK/out")"
sed 's/\x1b\[[0-9;]*m//g' "$WORK/out" | diff -u "$WORK/plain" - >&2 ||
  fail "coloured text differs from the plain text beyond escape codes"

NO_COLOR= on_tty stdout plan flows/project_flow_0001.yaml
expect_rc 0
expect_colour "NO_COLOR empty"

for where in before after; do
  if [ $where = before ]; then
    on_tty stdout --no-color plan flows/project_flow_0001.yaml
  else
    on_tty stdout plan flows/project_flow_0001.yaml --no-color
  fi
  expect_rc 0
  expect_no_colour "--no-color $where the command"
  diff -u "$WORK/plain" "$WORK/out" >&2 || fail "--no-color text differs"
done

NO_COLOR=1 on_tty stdout plan flows/project_flow_0001.yaml
expect_rc 0
expect_no_colour "NO_COLOR=1"
diff -u "$WORK/plain" "$WORK/out" >&2 || fail "NO_COLOR=1 text differs"

set +e
"$FLOWCTL" plan flows/project_flow_0001.yaml 2>"$WORK/err" | cat >"$WORK/out"
RC=${PIPESTATUS[0]}
set -e
expect_rc 0
expect_no_colour "stdout a pipe"
diff -u "$WORK/plain" "$WORK/out" >&2 || fail "piped text differs"
export NO_COLOR=1

# Progress: 50 flows and stderr a terminal.
on_tty stderr plan
expect_rc 0
expect_stdout_contains "Plan: 50 to update, 0 unchanged, 0 failed."
grep -qF $'\rflowctl: fetched 50/50 flows\n' "$WORK/err" ||
  fail "no final progress line: $(cat -v "$WORK/err")"
# Every update rewrites the same line; the counts only grow.
tr '\r' '\n' <"$WORK/err" |
  sed -n 's|^flowctl: fetched \([0-9]*\)/50 flows$|\1|p' >"$WORK/counts"
sort -n -c "$WORK/counts" || fail "progress counts went down"
[ "$(tail -n 1 "$WORK/counts")" = 50 ] || fail "progress did not end at 50"
grep -q fetched "$WORK/out" && fail "progress on stdout"

# Both streams on terminals: progress still only on stderr.
on_tty stdout,stderr plan
expect_rc 0
grep -qF 'flowctl: fetched 50/50 flows' "$WORK/err" ||
  fail "no progress with both streams on terminals: $(cat -v "$WORK/err")"
grep -q fetched "$WORK/out" && fail "progress on stdout"

# stderr a file, stdout a terminal: no progress.
on_tty stdout plan
expect_rc 0
expect_stdout_contains "Plan: 50 to update, 0 unchanged, 0 failed."
expect_no_progress "stderr a file"

# 49 flows, below the threshold, stay quiet even on a terminal.
rm "$WORK/flows/project_flow_0050.yaml"
on_tty stderr plan
expect_rc 0
expect_stdout_contains "Plan: 49 to update, 0 unchanged, 0 failed."
expect_no_progress "49 flows"
expect_no_token

pass
