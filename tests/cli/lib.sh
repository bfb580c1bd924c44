# Shared helpers for the CLI tests. Each test sources this file, starts its
# own sandbox on a free loopback port, and runs the real flowctl binary.
set -euo pipefail

: "${FLOWCTL:?FLOWCTL must name the flowctl binary}"
: "${SANDBOX:?SANDBOX must name the verifik-sandbox binary}"
: "${SOURCE_DIR:?SOURCE_DIR must name the source tree}"

WORK=$(mktemp -d /tmp/flowctl-cli-XXXXXX)
SANDBOX_PID=""
export VERIFIK_TOKEN=dev-token-$RANDOM$RANDOM
export NO_COLOR=1

cleanup() {
  if [ -n "$SANDBOX_PID" ]; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# start_sandbox [ARGS...]: starts the sandbox with the test token and sets
# SANDBOX_URL. Extra arguments (a seed, faults) pass through. The old
# "listening on" line goes first, or a restart could read a stale port.
start_sandbox() {
  rm -f "$WORK/sandbox.out"
  "$SANDBOX" --port 0 --token "$VERIFIK_TOKEN" "$@" \
    >"$WORK/sandbox.out" 2>"$WORK/sandbox.log" &
  SANDBOX_PID=$!
  local line="" tries=0
  while [ $tries -lt 200 ]; do
    line=$(head -n 1 "$WORK/sandbox.out" 2>/dev/null || true)
    case "$line" in
      "listening on 127.0.0.1:"*) break ;;
    esac
    kill -0 "$SANDBOX_PID" 2>/dev/null || fail "sandbox exited: $(cat "$WORK/sandbox.log")"
    sleep 0.05
    tries=$((tries + 1))
  done
  case "$line" in
    "listening on 127.0.0.1:"*) ;;
    *) fail "sandbox did not start: $line" ;;
  esac
  SANDBOX_URL="http://${line#listening on }"
}

stop_sandbox() {
  kill "$SANDBOX_PID" 2>/dev/null || true
  wait "$SANDBOX_PID" 2>/dev/null || true
  SANDBOX_PID=""
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# run_flowctl ARGS...: runs flowctl, keeping stdout, stderr and the exit code
# in $WORK/out, $WORK/err and $RC for the assertions below.
run_flowctl() {
  set +e
  "$FLOWCTL" "$@" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  set -e
}

expect_rc() {
  [ "$RC" -eq "$1" ] || {
    echo "--- stdout" >&2; cat "$WORK/out" >&2
    echo "--- stderr" >&2; cat "$WORK/err" >&2
    fail "expected exit $1, got $RC"
  }
}

expect_stdout_contains() {
  grep -qF -- "$1" "$WORK/out" || {
    cat "$WORK/out" >&2
    fail "stdout lacks: $1"
  }
}

expect_stderr_contains() {
  grep -qF -- "$1" "$WORK/err" || {
    cat "$WORK/err" >&2
    fail "stderr lacks: $1"
  }
}

# The token must never appear in anything flowctl prints or writes.
expect_no_token() {
  local file
  for file in "$WORK/out" "$WORK/err" "$@"; do
    if grep -qF -- "$VERIFIK_TOKEN" "$file"; then
      fail "token leaked into $file"
    fi
  done
}

pass() {
  echo "PASS: $(basename "$0")"
}
