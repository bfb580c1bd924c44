#!/usr/bin/env bash
# Validates every GitHub workflow and the composite action against GitHub's
# schemas, with a validator from npm pinned to one version.
set -euo pipefail
cd "$(dirname "$0")/.."

validator_version=0.6.0
tools=${FLOWCTL_TOOLS_DIR:-$PWD/build/tools}
validator=$tools/node_modules/.bin/action-validator

if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ ! -x "$validator" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent \
    "@action-validator/cli@$validator_version" \
    "@action-validator/core@$validator_version"
fi

count=0
for file in .github/workflows/*.yml .github/actions/*/action.yml; do
  "$validator" "$file"
  count=$((count + 1))
done
echo "workflows: $count files valid"
