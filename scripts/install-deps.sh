#!/usr/bin/env bash
# Installs everything flowctl needs to build, test and benchmark, from Debian's
# packages only. Safe to run again: apt-get skips what is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git curl time
  libyaml-dev libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libspdlog-dev
  doctest-dev libcli11-dev libcpp-httplib-dev libvalijson-dev libmimalloc-dev
  clang-format clang-tidy python3 python3-yaml python3-jsonschema
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
