# apply PLAN sends, for each flow to update, exactly the body saved in the
# plan file and nothing for unchanged flows; where the plan holds only the
# digest of a sensitive value, the value sent is the one it digests.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

export VERIFIK_WEBHOOK_SECRET="rotated-secret-$RANDOM$RANDOM"
start_recorder "$SOURCE_DIR/examples/sandbox/flows.json" "$WORK/record.jsonl"
cd "$SOURCE_DIR/examples"

run_flowctl plan --api-url "$SANDBOX_URL" --out "$WORK/plan.json"
expect_rc 0
expect_stdout_contains 'Plan: 2 to update, 1 unchanged, 0 failed.'
[ ! -e "$WORK/record.jsonl" ] || fail "plan sent a PUT"

run_flowctl apply --api-url "$SANDBOX_URL" "$WORK/plan.json"
expect_rc 0
expect_stdout_contains "Apply: 2 applied, 1 unchanged, 0 failed."
python3 - "$WORK/plan.json" "$WORK/record.jsonl" <<'PY' ||
import hashlib, hmac, json, os, sys

plan = json.load(open(sys.argv[1]))
puts = [json.loads(line) for line in open(sys.argv[2])]
secret = os.environ["VERIFIK_WEBHOOK_SECRET"]
markers = 0


def same(saved, sent, where):
    """sent equals saved, a sensitive marker standing for its value."""
    global markers
    if isinstance(saved, dict) and list(saved) == ["$sensitive"]:
        # Keyed with the token, so the plan alone cannot confirm a guess.
        key = os.environ["VERIFIK_TOKEN"].encode()
        digest = hmac.new(key, json.dumps(sent).encode(),
                          hashlib.sha256).hexdigest()
        assert saved["$sensitive"] == "hmac-sha256:" + digest, where
        plain = hashlib.sha256(json.dumps(sent).encode()).hexdigest()
        assert plain not in json.dumps(plan), where + ": an unkeyed digest"
        assert sent == secret, where + ": not the secret from the file"
        markers += 1
    elif isinstance(saved, dict):
        assert isinstance(sent, dict), where
        assert sorted(saved) == sorted(sent), (where, saved, sent)
        for key in saved:
            same(saved[key], sent[key], where + "/" + key)
    elif isinstance(saved, list):
        assert isinstance(sent, list) and len(saved) == len(sent), where
        for i, (a, b) in enumerate(zip(saved, sent)):
            same(a, b, "%s/%d" % (where, i))
    else:
        assert type(saved) == type(sent) and saved == sent, \
            (where, saved, sent)


updates = {f["id"]: f for f in plan["flows"] if f["action"] == "update"}
assert len(updates) == 2, sorted(updates)
sent_ids = [put["path"].rsplit("/", 1)[1] for put in puts]
assert sorted(sent_ids) == sorted(updates), sent_ids
for put in puts:
    assert put["authorized"] is True, put["path"]
    flow = updates[put["path"].rsplit("/", 1)[1]]
    same(flow["body"], put["body"], flow["id"])
# The kyc flow carries the rotated webhook secret.
assert markers == 1, markers
PY
  fail "a PUT body differs from the saved plan"
grep -qF "$VERIFIK_WEBHOOK_SECRET" "$WORK/plan.json" &&
  fail "the secret is in the plan file"
grep -qF "$VERIFIK_WEBHOOK_SECRET" "$WORK/out" "$WORK/err" &&
  fail "the secret was printed"
expect_no_token "$WORK/plan.json" "$WORK/record.jsonl"

pass
