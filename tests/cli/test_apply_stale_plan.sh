# A saved plan is applied only if neither the flow files nor the live flows
# moved since it was made; otherwise nothing is sent and the moved fields
# are named.
source "$SOURCE_DIR/tests/cli/lib.sh"
source "$SOURCE_DIR/tests/fixtures/apply/apply_lib.sh"

make_seed 3 "$WORK/seed.json"
start_sandbox --seed "$WORK/seed.json" --log-requests
write_config
write_flows 3 active whatsapp
write_flow "$WORK/flows/project_flow_0003.yaml" project_flow_0003 draft sms
cd "$WORK"

# The live flow is edited between plan and apply.
run_flowctl plan --out "$WORK/plan.json"
expect_rc 0
edit_live project_flow_0001 '{"status":"paused","configuration":{
  "phoneVerification":{"enabled":true,"required":true,"method":"voice"}}}'
edit_live project_flow_0003 '{"name":"Renamed by hand"}'
run_flowctl apply "$WORK/plan.json" </dev/null
expect_rc 1
stale="flowctl: error: plan is stale:"
expect_stderr_contains "$stale project_flow_0001\
 (flows/project_flow_0001.yaml): live flow changed since the plan:\
 configuration.phoneVerification.method, status"
# A flow the plan left unchanged is checked as well.
expect_stderr_contains "$stale project_flow_0003\
 (flows/project_flow_0003.yaml): live flow changed since the plan: name"
expect_stderr_contains "nothing was sent"
if grep -q "project_flow_0002" "$WORK/err"; then
  fail "a flow that did not move was named stale"
fi
expect_put_count 2
expect_no_token

# The flow file is edited between plan and apply.
run_flowctl plan --out "$WORK/plan.json"
expect_rc 0
write_flow "$WORK/flows/project_flow_0002.yaml" project_flow_0002 \
  paused whatsapp
run_flowctl apply "$WORK/plan.json" </dev/null
expect_rc 1
expect_stderr_contains "$stale project_flow_0002\
 (flows/project_flow_0002.yaml): flow file changed since the plan: status"
expect_put_count 2

# A flow whose file is gone is stale too.
run_flowctl plan --out "$WORK/plan.json"
expect_rc 0
rm "$WORK/flows/project_flow_0002.yaml"
run_flowctl apply "$WORK/plan.json" </dev/null
expect_rc 1
expect_stderr_contains "$stale project_flow_0002\
 (flows/project_flow_0002.yaml): the file no longer declares it"
expect_put_count 2
write_flows 2 active whatsapp

# A plan made against another API is refused before anything is fetched.
run_flowctl plan --out "$WORK/plan.json"
expect_rc 0
run_flowctl apply "$WORK/plan.json" --api-url http://127.0.0.1:9 </dev/null
expect_rc 1
expect_stderr_contains \
  "the plan was made for $SANDBOX_URL, not for http://127.0.0.1:9"
expect_put_count 2

# An untouched plan is applied as saved, without a question.
run_flowctl apply "$WORK/plan.json" </dev/null
expect_rc 0
expect_stdout_contains "Apply: 2 applied, 1 unchanged, 0 failed."
expect_put_count 4
expect_no_token "$WORK/plan.json"
expect_plan_clean

# Applying the same plan again finds the live flows moved: by the plan.
run_flowctl apply "$WORK/plan.json" </dev/null
expect_rc 1
expect_stderr_contains "plan is stale: project_flow_0001"
expect_put_count 4

# A plan made with another token holds digests this one cannot check: it
# is refused before anything is fetched or sent.
edit_live project_flow_0001 '{"status":"draft"}'
run_flowctl plan --out "$WORK/plan.json"
VERIFIK_TOKEN=another-token-$RANDOM run_flowctl apply "$WORK/plan.json"
expect_rc 1
expect_stderr_contains "the plan was made with another API token; nothing \
was sent: make a new plan"
# The one edit above, and nothing from flowctl.
expect_put_count 5

pass
