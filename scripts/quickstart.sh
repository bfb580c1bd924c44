#!/usr/bin/env bash
# The README's quickstart: installs, builds, starts the sandbox with the
# example flows, then validates, plans, applies and plans again, so every
# step a team takes is shown once against a real (local) API.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build --target flowctl verifik-sandbox

work=$PWD/.quickstart
rm -rf "$work"
mkdir -p "$work"

export VERIFIK_TOKEN=dev-token
export VERIFIK_WEBHOOK_SECRET=quickstart-webhook-secret
./build/verifik-sandbox --port 0 --token "$VERIFIK_TOKEN" \
  --seed examples/sandbox/flows.json --state "$work/state.json" \
  >"$work/sandbox.out" 2>"$work/sandbox.log" &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null || true' EXIT

for _ in $(seq 100); do
  grep -q '^listening on' "$work/sandbox.out" 2>/dev/null && break
  sleep 0.1
done
api_url="http://$(sed -n 's/^listening on //p' "$work/sandbox.out")"
echo "== sandbox at $api_url"

root=$PWD
flowctl() { "$root/build/flowctl" --api-url "$api_url" "$@"; }
cd examples

echo "== flowctl validate"
flowctl validate

echo "== flowctl plan --out plan.json"
flowctl plan --out "$work/plan.json"

echo "== flowctl apply plan.json"
flowctl apply "$work/plan.json" --audit-log "$work/audit.jsonl"

echo "== flowctl plan (after apply: nothing left to do)"
flowctl plan --detailed-exitcode

echo "== flowctl drift"
flowctl drift
