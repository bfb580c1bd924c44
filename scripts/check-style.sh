#!/usr/bin/env bash
# Fails when a C++ file differs from clang-format's output or when
# clang-tidy warns. Needs a configured build directory for tidy.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}

mapfile -t files < <(git ls-files --cached --others --exclude-standard \
  -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clang-format --dry-run --Werror "${files[@]}"
echo "clang-format: ${#files[@]} files clean"

mapfile -t sources < <(printf '%s\n' "${files[@]}" | grep '^src/.*\.cpp$')
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc)" -n 4 clang-tidy -p "$build_dir" --quiet 2>/dev/null
echo "clang-tidy: ${#sources[@]} files clean"
