# Text from the server and from file names reaches a drift report made
# inert: printable in text (no raw control character, one line per flow)
# and HTML-escaped in markdown, the way the plan renderers do it.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/gitops/gitops_lib.sh"

python3 - "$WORK/seed.json" <<'PY'
import json, sys
def flow(flow_id, name, status="draft"):
    return {"_id": flow_id, "project": "project_big", "type": "login",
            "status": status, "version": 1, "name": name,
            "configuration": {}, "steps": []}
evil = "<script>alert(1)</script> | pipe\nnext line \x1b[31mred"
json.dump([flow("project_flow_0001", "Flow 1"),
           flow("project_flow_0002", evil),
           flow("stray_`x`<b>|", evil, "odd\nstatus")],
          open(sys.argv[1], "w"))
PY
start_sandbox --seed "$WORK/seed.json"
write_project_config
mkdir -p "$WORK/flows"
printf 'id: project_flow_0001\nname: Flow 1\n' >"$WORK/flows/one.yaml"
printf 'id: project_flow_0002\nname: Flow 2\n' >"$WORK/flows/two.yaml"
printf 'id: ghost\nname: Ghost\n' >"$WORK/flows/we|ird<b>.yaml"
cd "$WORK"

no_control_bytes() {
  if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$WORK/out"; then
    fail "a control character reached the $1 output"
  fi
}

run_flowctl drift
expect_rc 2
no_control_bytes text
expect_stdout_contains \
  '    ~ name: "<script>alert(1)</script> | pipe\nnext line \u001b[31mred" -> "Flow 2"'
expect_stdout_contains \
  '- missing flow ghost (flows/we|ird<b>.yaml:1): declared in git, not found by the API'
line='+ unmanaged flow stray_`x`<b>| ("<script>alert(1)</script> | pipe\x0anext'
line+=' line \x1b[31mred", odd\x0astatus): live in project project_big,'
line+=' declared in no file'
grep -qxF -- "$line" "$WORK/out" || {
  cat "$WORK/out" >&2
  fail "the unmanaged flow is not one printable line"
}

run_flowctl drift --format markdown
expect_rc 2
no_control_bytes markdown
expect_stdout_contains \
  '<li><code>ghost</code> (flows/we&#124;ird&lt;b&gt;.yaml:1)</li>'
item='<li><code>stray_&#96;x&#96;&lt;b&gt;&#124;</code> &lt;script&gt;alert(1)'
item+='&lt;/script&gt; &#124; pipe\x0anext line \x1b[31mred (odd\x0astatus)</li>'
grep -qxF -- "$item" "$WORK/out" || {
  cat "$WORK/out" >&2
  fail "the unmanaged flow is not escaped in markdown"
}
# Outside the diff's code fence no tag from the server survives.
sed '/^```diff$/,/^```$/d' "$WORK/out" >"$WORK/outside.md"
if grep -qE '<(script|b)>' "$WORK/outside.md"; then
  fail "a tag from the server is live in the markdown"
fi

# JSON carries the server's text exactly, in JSON's own escaping.
run_flowctl drift --format json
expect_rc 2
expect_schema_valid "$WORK/out"
python3 - "$WORK/out" <<'PY' || fail "json does not carry the names exactly"
import json, sys
drift = json.load(open(sys.argv[1]))["drift"]
evil = "<script>alert(1)</script> | pipe\nnext line \x1b[31mred"
assert drift["unmanaged"] == [
    {"id": "stray_`x`<b>|", "name": evil, "status": "odd\nstatus"}], drift
PY
pass
