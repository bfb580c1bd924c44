# --shard i/n picks a stable subset of the flows by id: shards 1..n cover
# every flow exactly once, in plan and in drift (unmanaged flows too), and
# the same shard is the same subset on every run. A bad spec is exit 1.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/gitops/gitops_lib.sh"

make_project_seed 24 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json"
write_project_config
# 20 flows declared; 21..24 are live only, so drift calls them unmanaged.
write_seeded_flows 1 20
cd "$WORK"

for i in 1 2 3; do
  run_flowctl plan --shard "$i/3" --format json
  expect_rc 0
  cp "$WORK/out" "$WORK/plan.$i.json"
  run_flowctl plan --format json --shard "$i/3"
  expect_rc 0
  cp "$WORK/out" "$WORK/again.$i.json"
  run_flowctl drift --shard "$i/3" --format json
  expect_rc 2
  cp "$WORK/out" "$WORK/drift.$i.json"
done

python3 - "$WORK" <<'PY' || fail "the shards do not split the flows"
import json, sys
work = sys.argv[1]
def ids(path, key):
    d = json.load(open(path))
    if key == "flows":
        return [f["id"] for f in d["flows"]]
    return [f["id"] for f in d["drift"]["unmanaged"]]
declared = ["project_flow_%04d" % i for i in range(1, 21)]
unmanaged = ["project_flow_%04d" % i for i in range(21, 25)]
planned, stray, sizes = [], [], []
for i in (1, 2, 3):
    shard = ids(f"{work}/plan.{i}.json", "flows")
    assert shard == ids(f"{work}/again.{i}.json", "flows"), i
    assert shard == ids(f"{work}/drift.{i}.json", "flows"), i
    assert shard, f"shard {i} is empty"
    sizes.append(len(shard))
    planned += shard
    stray += ids(f"{work}/drift.{i}.json", "unmanaged")
assert sorted(planned) == declared, planned
assert sorted(stray) == unmanaged, stray
print("shard sizes", sizes)
PY

# 1/1 is everything.
run_flowctl plan --shard 1/1
expect_rc 0
expect_stdout_contains 'Plan: 0 to update, 20 unchanged, 0 failed.'

for bad in 0/3 4/3 x 3 1/0 -1/3 1/3/3 ' 1/3' 1/x; do
  run_flowctl plan --shard "$bad"
  expect_rc 1
  expect_stderr_contains "flowctl: error: --shard must be i/n with 1 <= i <= n, not '$bad'"
done
pass
