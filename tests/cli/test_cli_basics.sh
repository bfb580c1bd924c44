# What a user sees before any flow is read: version, help, bad usage, and
# the refusal to send a token in the clear or without one.
source "$SOURCE_DIR/tests/cli/lib.sh"

run_flowctl --version
expect_rc 0
expect_stdout_contains 'flowctl 0.1.0'

run_flowctl --help
expect_rc 0
for word in validate plan apply drift export show --config --env \
  --api-url --token-env --parallelism --target --shard --log-level \
  --log-format --no-color; do
  expect_stdout_contains "$word"
done

run_flowctl frobnicate
expect_rc 1
expect_stderr_contains 'flowctl: error:'

run_flowctl plan --format yaml
expect_rc 1

cd "$SOURCE_DIR/examples"
run_flowctl plan --api-url http://api.example.com flows/onboarding.yaml
expect_rc 1
expect_stderr_contains 'flowctl: error:'

unset VERIFIK_TOKEN
run_flowctl plan --api-url http://127.0.0.1:9 flows/onboarding.yaml
expect_rc 1
expect_stderr_contains 'no API token: set the environment variable VERIFIK_TOKEN'

run_flowctl plan --log-level loud
expect_rc 1
expect_stderr_contains "unknown log level 'loud'"
pass
