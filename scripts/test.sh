#!/usr/bin/env bash
# Installs what is missing, builds, checks style, and runs every test twice:
# once in a normal build and once under AddressSanitizer and UBSan. Tests
# run three at a time on two cores: most of their time is spent waiting on
# the sandbox's injected latency and rate limits.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

# -O1 without debug information builds in about 60% of the time -O2 -g
# takes, and the suite is built twice; the sanitizer build keeps -g for its
# stack traces.
cmake -S . -B build -G Ninja -DFLOWCTL_WERROR=ON -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG"
cmake --build build
bash scripts/check-style.sh build
bash scripts/check-workflows.sh
ctest --test-dir build --output-on-failure -j 3

cmake -S . -B build-asan -G Ninja -DFLOWCTL_WERROR=ON -DFLOWCTL_SANITIZE=ON \
  -DCMAKE_BUILD_TYPE=Debug
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j 3
