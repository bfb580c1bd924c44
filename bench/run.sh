#!/usr/bin/env bash
# Measures flowctl plan against the latency bound and against curl fetching
# the same URLs, its peak memory, and flowctl validate against PyYAML's C
# loader. Writes bench/out/results.md and prints it.
#
#   bench/run.sh [--quick]     --quick measures 1,000 flows only
#
# Environment: BENCH_BUILD_DIR (default build-bench), BENCH_PYTHON (a Python
# with PyYAML's C loader, default /usr/bin/python3), BENCH_REQUESTS_PER_MINUTE
# (the client budget written to flowctl.yaml, default 0: unlimited),
# BENCH_FLOWCTL and BENCH_SANDBOX (binaries to measure instead of the ones
# built, to compare a change before it lands).
set -euo pipefail

usage() {
  sed -n '2,13s/^# \{0,1\}//p' "$0"
}

QUICK=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: error: unknown argument $arg" >&2; exit 1 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BENCH_BUILD_DIR:-$ROOT/build-bench}
OUT=$ROOT/bench/out
PYTHON_YAML=${BENCH_PYTHON:-/usr/bin/python3}
FLOWCTL=${BENCH_FLOWCTL:-$BUILD/flowctl}
SANDBOX=${BENCH_SANDBOX:-$BUILD/verifik-sandbox}

PARALLELISM=16
REQUESTS_PER_MINUTE=${BENCH_REQUESTS_PER_MINUTE:-0}
CHANGED_SHARE=0.1
LATENCIES=(0 50)
SIZES=(1000 10000)
QUICK_FLAG=""
if [ "$QUICK" -eq 1 ]; then
  SIZES=(1000)
  QUICK_FLAG=" --quick"
fi
VALIDATE_SIZE=${SIZES[-1]}
BEST_OF=3
BUILD_TIMEOUT=3600
SANDBOX_START_TIMEOUT=30
# A run may take this many times the latency bound, plus a fixed margin,
# before it is stopped and reported as failed.
RUN_TIMEOUT_FACTOR=4
RUN_TIMEOUT_MARGIN=120

RESULTS=$OUT/results.md
RAW=$OUT/raw
WORK=""
SANDBOX_PID=""

cleanup() {
  stop_sandbox
  if [ -n "$WORK" ]; then
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
  echo "run.sh: error: $*" >&2
  exit 1
}

log() {
  echo "run.sh: $*" >&2
}

check_tools() {
  [ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
  command -v curl >/dev/null || die "curl is missing"
  "$PYTHON_YAML" -c 'import yaml; yaml.CSafeLoader' 2>/dev/null ||
    die "$PYTHON_YAML lacks PyYAML's C loader (apt-get install python3-yaml)"
}

build() {
  log "building Release flowctl and verifik-sandbox in $BUILD"
  timeout "$BUILD_TIMEOUT" cmake -S "$ROOT" -B "$BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DFLOWCTL_TESTS=OFF >"$WORK/cmake.log" 2>&1 ||
    { tail -n 20 "$WORK/cmake.log" >&2; die "cmake failed"; }
  timeout "$BUILD_TIMEOUT" cmake --build "$BUILD" -j 2 \
    --target flowctl verifik-sandbox >"$WORK/build.log" 2>&1 ||
    { tail -n 20 "$WORK/build.log" >&2; die "the build failed"; }
  c++ -std=c++20 -O2 "$ROOT/bench/libyaml_floor.cpp" -o "$BUILD/libyaml_floor" \
    -lyaml >>"$WORK/build.log" 2>&1 ||
    { tail -n 20 "$WORK/build.log" >&2; die "libyaml_floor did not build"; }
}

# start_sandbox DATA LATENCY: serves DATA/seed.json; sets SANDBOX_URL.
start_sandbox() {
  "$SANDBOX" --port 0 --token "$TOKEN" --seed "$1/seed.json" \
    --latency-ms "$2" >"$WORK/sandbox.out" 2>"$WORK/sandbox.err" &
  SANDBOX_PID=$!

  local line="" deadline=$((SECONDS + SANDBOX_START_TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    line=$(head -n 1 "$WORK/sandbox.out")
    case "$line" in "listening on 127.0.0.1:"*) break ;; esac
    kill -0 "$SANDBOX_PID" 2>/dev/null ||
      die "the sandbox exited: $(tail -n 1 "$WORK/sandbox.err")"
    sleep 0.05
  done
  case "$line" in
    "listening on 127.0.0.1:"*) SANDBOX_URL="http://${line#listening on }" ;;
    *) die "the sandbox did not start within ${SANDBOX_START_TIMEOUT}s" ;;
  esac
}

stop_sandbox() {
  if [ -n "$SANDBOX_PID" ]; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
    SANDBOX_PID=""
  fi
}

# CPU seconds (user plus system) the running sandbox has used so far; 0
# when none runs.
sandbox_cpu() {
  local stat=""
  if [ -n "$SANDBOX_PID" ]; then
    stat=$(cat "/proc/$SANDBOX_PID/stat" 2>/dev/null) || stat=""
  fi
  if [ -z "$stat" ]; then
    echo 0
    return 0
  fi
  # Fields 14 and 15 (utime, stime) come after the command, which may hold
  # spaces: counted from the last ") ", they are the 12th and 13th.
  echo "${stat##*) }" |
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($12 + $13) / hz }'
}

# timed NAME LIMIT COMMAND...: runs COMMAND under /usr/bin/time -v with
# stdout and stderr in $RAW/NAME.out and .err; sets WALL and CPU (user plus
# system, in seconds), RSS_KB and RC, and SERVER_CPU, what the sandbox used
# meanwhile. A run that outlives LIMIT seconds is killed and has RC 124.
timed() {
  local name=$1 limit=$2 server_before
  shift 2
  server_before=$(sandbox_cpu)
  set +e
  timeout --kill-after=5 "$limit" /usr/bin/time -v -o "$RAW/$name.time" \
    "$@" >"$RAW/$name.out" 2>"$RAW/$name.err"
  RC=$?
  set -e
  SERVER_CPU=$(calc "$(sandbox_cpu) - $server_before" 2)
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
           n = split($2, p, ":"); s = 0
           for (i = 1; i <= n; i++) s = s * 60 + p[i]
           print s }' "$RAW/$name.time" 2>/dev/null || true)
  RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' \
             "$RAW/$name.time" 2>/dev/null || true)
  CPU=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 }
          END { print s + 0 }' "$RAW/$name.time" 2>/dev/null || true)
  [ -n "$WALL" ] || WALL=nan
  [ -n "$CPU" ] || CPU=0
  [ -n "$RSS_KB" ] || RSS_KB=0
}

calc() {
  awk "BEGIN { printf \"%.${2:-2}f\", $1 }"
}

smaller() {
  awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'
}

# improves BEST: whether this run's WALL beats BEST, which may be empty.
improves() {
  [ -z "$1" ] || smaller "$WALL" "$1"
}

# Number of changed flows the generator wrote, and the plan's summary line
# that must go with them.
expected_summary() {
  local data=$1 n=$2 changed
  changed=$("$PYTHON_YAML" -c \
    'import json,sys; print(len(json.load(open(sys.argv[1]))["changed"]))' \
    "$data/expected.json")
  echo "Plan: $changed to update, $((n - changed)) unchanged, 0 failed."
}

generate() {
  local n=$1 data=$WORK/data-$1
  log "generating $n flows"
  python3 "$ROOT/bench/gen_flows.py" "$n" "$data" \
    --changed-share "$CHANGED_SHARE" --seed 1 \
    --requests-per-minute "$REQUESTS_PER_MINUTE" >/dev/null
  # The curl config holds the token, so it lives in the private work folder.
  {
    echo "header = \"Authorization: Bearer $TOKEN\""
    printf '%s\n' 'write-out = "%{http_code}\n"'
    for i in $(seq 1 "$n"); do
      printf 'url = "@URL@/v2/project-flows/bench_flow_%06d"\n' "$i"
      echo 'output = "/dev/null"'
    done
  } >"$data/curl.template"
}

# Runs flowctl plan BEST times; sets PLAN_WALL (best), PLAN_CPU and
# PLAN_SERVER_CPU (of that run), PLAN_RSS_KB (largest) and PLAN_OK. Every
# run must print the summary that the generator's changes imply.
measure_plan() {
  local n=$1 latency=$2 best=$3 limit=$4 data=$WORK/data-$1 i
  local summary
  summary=$(expected_summary "$data" "$n")
  PLAN_WALL="" PLAN_CPU="" PLAN_SERVER_CPU="" PLAN_RSS_KB=0 PLAN_OK=1
  for i in $(seq 1 "$best"); do
    local name=plan-$n-${latency}ms-$i
    timed "$name" "$limit" "$FLOWCTL" --config "$data/flowctl.yaml" \
      --api-url "$SANDBOX_URL" --no-color plan --detailed-exitcode
    if [ "$RC" -ne 2 ] || ! grep -qxF "$summary" "$RAW/$name.out"; then
      log "flowctl plan ($n flows, $latency ms) failed, exit $RC:"
      tail -n 3 "$RAW/$name.err" >&2
      PLAN_OK=0
      return 0
    fi
    if improves "$PLAN_WALL"; then
      PLAN_WALL=$WALL PLAN_CPU=$CPU PLAN_SERVER_CPU=$SERVER_CPU
    fi
    if [ "$RSS_KB" -gt "$PLAN_RSS_KB" ]; then
      PLAN_RSS_KB=$RSS_KB
    fi
  done
}

# BEST more plan runs, with debug logging, for the time flowctl itself
# reports for fetching and diffing; the rest of its wall time is start-up,
# reading the flow files and printing. Sets FETCH_SECONDS (best), empty when
# not reported.
measure_fetch_phase() {
  local n=$1 latency=$2 best=$3 limit=$4 data=$WORK/data-$1 i ms phase
  FETCH_SECONDS=""
  for i in $(seq 1 "$best"); do
    local name=plan-$n-${latency}ms-debug-$i
    timed "$name" "$limit" "$FLOWCTL" --config "$data/flowctl.yaml" \
      --api-url "$SANDBOX_URL" --no-color --log-level debug plan
    ms=$(sed -n 's/.*planned [0-9]* flows in \([0-9]*\) ms.*/\1/p' \
      "$RAW/$name.err" | tail -n 1)
    if [ "$RC" -ne 0 ] || [ -z "$ms" ]; then
      FETCH_SECONDS=""
      return 0
    fi
    phase=$(calc "$ms / 1000" 3)
    if [ -z "$FETCH_SECONDS" ] || smaller "$phase" "$FETCH_SECONDS"; then
      FETCH_SECONDS=$phase
    fi
  done
}

# One plan saved with --out and shown again as markdown, as the pull-request
# workflow does: a row of the saved-plan table.
measure_saved_plan() {
  local n=$1 limit=$2 data=$WORK/data-$1 plan_file=$WORK/plan-$1.json
  local out_cells show_cells size
  timed "plan-out-$n" "$limit" "$FLOWCTL" --config "$data/flowctl.yaml" \
    --api-url "$SANDBOX_URL" --no-color plan --out "$plan_file"
  if [ "$RC" -ne 0 ] || [ ! -f "$plan_file" ]; then
    log "flowctl plan --out ($n flows) failed, exit $RC"
    SAVED_ROWS+=("| $(thousands "$n") | failed | - | - | - | - |")
    return 0
  fi
  out_cells="$(seconds "$WALL") | $(megabytes "$RSS_KB")"
  size=$(stat -c %s "$plan_file")
  timed "show-$n" "$limit" "$FLOWCTL" show "$plan_file" --format markdown
  if [ "$RC" -ne 0 ]; then
    show_cells="failed | -"
  else
    show_cells="$(seconds "$WALL") | $(megabytes "$RSS_KB")"
  fi
  local row="| $(thousands "$n") | $out_cells |"
  row+=" $(calc "$size / 1048576" 1) MB | $show_cells |"
  SAVED_ROWS+=("$row")
  rm -f "$plan_file"
}

# Runs curl over the same URLs BEST times; sets CURL_WALL (best), CURL_CPU
# and CURL_SERVER_CPU (of that run), CURL_OK.
measure_curl() {
  local n=$1 latency=$2 best=$3 limit=$4 data=$WORK/data-$1 i
  sed "s|@URL@|$SANDBOX_URL|" "$data/curl.template" >"$WORK/curl.conf"
  CURL_WALL="" CURL_CPU="" CURL_SERVER_CPU="" CURL_OK=1
  for i in $(seq 1 "$best"); do
    local name=curl-$n-${latency}ms-$i ok
    timed "$name" "$limit" curl --silent --show-error --no-progress-meter \
      --parallel \
      --parallel-max "$PARALLELISM" --config "$WORK/curl.conf"
    ok=$(grep -cx 200 "$RAW/$name.out" || true)
    if [ "$RC" -ne 0 ] || [ "$ok" -ne "$n" ]; then
      log "curl ($n URLs, $latency ms) failed, exit $RC, $ok answers 200"
      CURL_OK=0
      return 0
    fi
    if improves "$CURL_WALL"; then
      CURL_WALL=$WALL CURL_CPU=$CPU CURL_SERVER_CPU=$SERVER_CPU
    fi
  done
}

bound_seconds() {
  calc "int(($1 + $PARALLELISM - 1) / $PARALLELISM) * $2 / 1000" 3
}

seconds() {
  if [ -z "$1" ]; then
    echo "failed"
  else
    echo "$(calc "$1" 2) s"
  fi
}

# 10000 -> 10,000
thousands() {
  echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'
}

megabytes() {
  echo "$(calc "$1 / 1024" 1) MB"
}

verdict() {
  if [ "$1" -eq 1 ]; then echo PASS; else echo MISS; fi
}

TARGETS=()

add_target() {
  TARGETS+=("| $1 | $2 | $3 |")
}

# ratio A B: "A / B" as "1.23x", or "failed" when either is missing.
ratio() {
  if [ -n "$1" ] && [ -n "$2" ]; then
    echo "$(calc "$1 / $2" 2)x"
  else
    echo "failed"
  fi
}

# within A B FACTOR: whether A <= B x FACTOR; false when either is missing.
within() {
  [ -n "$1" ] && [ -n "$2" ] && ! smaller "$(calc "$2 * $3" 4)" "$1"
}

judge_plan_targets() {
  local n=$1 latency=$2 bound=$3 flows
  flows=$(thousands "$n")
  if [ "$latency" -gt 0 ]; then
    local pass=0
    if within "$PLAN_WALL" "$bound" 1.1; then pass=1; fi
    add_target \
      "plan within 1.1x of the latency bound, $flows flows, $latency ms" \
      "$(ratio "$PLAN_WALL" "$bound")" "$(verdict $pass)"
  else
    local pass=0
    if within "$PLAN_WALL" "$CURL_WALL" 1.3; then pass=1; fi
    add_target "plan within 1.3x of curl, $flows flows, 0 ms" \
      "$(ratio "$PLAN_WALL" "$CURL_WALL")" "$(verdict $pass)"
    pass=0
    if within "$FETCH_SECONDS" "$CURL_WALL" 1.3; then pass=1; fi
    add_target "fetch + diff within 1.3x of curl, $flows flows, 0 ms" \
      "$(ratio "$FETCH_SECONDS" "$CURL_WALL")" "$(verdict $pass)"
    add_cpu_row "$n"
  fi
  if [ "$n" -eq 10000 ]; then
    local pass=0 rss=failed
    if [ "$PLAN_OK" -eq 1 ]; then
      rss=$(megabytes "$PLAN_RSS_KB")
      if [ "$PLAN_RSS_KB" -lt 102400 ]; then pass=1; fi
    fi
    add_target "plan peak RSS under 100 MB, $flows flows, $latency ms" \
      "$rss" "$(verdict $pass)"
  fi
}

add_plan_row() {
  local n=$1 latency=$2 best=$3 bound=$4
  local plan_cell curl_cell rss_cell="-" bound_cell="-" bound_ratio="-"
  local cpu_cell fetch_cell
  plan_cell=$(seconds "$PLAN_WALL")
  fetch_cell=$(seconds "$FETCH_SECONDS")
  cpu_cell=$(seconds "$PLAN_CPU")
  curl_cell=$(seconds "$CURL_WALL")
  if [ "$best" -gt 1 ]; then
    plan_cell="$plan_cell (best of $best)"
    curl_cell="$curl_cell (best of $best)"
  fi
  if [ "$PLAN_OK" -eq 1 ]; then
    rss_cell=$(megabytes "$PLAN_RSS_KB")
  fi
  if [ "$latency" -gt 0 ]; then
    bound_cell="$(calc "$bound" 2) s"
    bound_ratio=$(ratio "$PLAN_WALL" "$bound")
  fi
  local cells=("$(thousands "$n")" "$latency ms" "$plan_cell" "$cpu_cell"
    "$fetch_cell" "$rss_cell"
    "$bound_cell" "$bound_ratio" "$curl_cell"
    "$(ratio "$PLAN_WALL" "$CURL_WALL")")
  PLAN_ROWS+=("| $(join_cells "${cells[@]}") |")
}

# busy CLIENT_CPU SERVER_CPU WALL: the share of the machine's cores the
# client and the sandbox kept busy together, as "87%".
busy() {
  if [ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ]; then
    echo "$(calc "100 * ($1 + $2) / ($3 * $(nproc))" 0)%"
  else
    echo "failed"
  fi
}

# A row of the CPU table for the 0 ms runs of N flows.
add_cpu_row() {
  local cells=("$(thousands "$1")" "$(seconds "$CURL_WALL")"
    "$(seconds "$CURL_CPU")" "$(seconds "$CURL_SERVER_CPU")"
    "$(busy "$CURL_CPU" "$CURL_SERVER_CPU" "$CURL_WALL")"
    "$(seconds "$PLAN_WALL")" "$(seconds "$PLAN_CPU")"
    "$(seconds "$PLAN_SERVER_CPU")"
    "$(busy "$PLAN_CPU" "$PLAN_SERVER_CPU" "$PLAN_WALL")")
  CPU_ROWS+=("| $(join_cells "${cells[@]}") |")
}

join_cells() {
  local out="" cell
  for cell in "$@"; do
    out+="${out:+ | }$cell"
  done
  echo "$out"
}

# Measures one flow count at one latency: a table row and its targets.
run_plan_row() {
  local n=$1 latency=$2 best=1 bound=0 limit
  if [ "$latency" -eq 0 ]; then
    best=$BEST_OF
  else
    bound=$(bound_seconds "$n" "$latency")
  fi
  limit=$(calc "$bound * $RUN_TIMEOUT_FACTOR + $RUN_TIMEOUT_MARGIN" 0)

  start_sandbox "$WORK/data-$n" "$latency"
  log "flowctl plan: $n flows, $latency ms, best of $best"
  measure_plan "$n" "$latency" "$best" "$limit"
  measure_fetch_phase "$n" "$latency" "$best" "$limit"
  if [ "$latency" -eq 0 ]; then
    measure_saved_plan "$n" "$limit"
  fi
  log "curl: $n URLs, $latency ms, best of $best"
  measure_curl "$n" "$latency" "$best" "$limit"
  stop_sandbox

  if [ "$PLAN_OK" -ne 1 ]; then
    PLAN_WALL=""
  fi
  if [ "$CURL_OK" -ne 1 ]; then
    CURL_WALL=""
  fi
  add_plan_row "$n" "$latency" "$best" "$bound"
  judge_plan_targets "$n" "$latency" "$bound"
}

PYYAML_SCRIPT='
import glob, sys, yaml
count = 0
for name in sorted(glob.glob(sys.argv[1] + "/*.yaml")):
    with open(name, encoding="utf-8") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
    count += 1
print(count, "files parsed")
'

# flowctl validate and PyYAML alternate, so both see the same machine state.
run_validate_row() {
  local n=$1 data=$WORK/data-$1 i best_flowctl="" best_pyyaml="" ok=1
  local flowctl_cpu="" pyyaml_cpu="" best_floor="" floor_cpu=""
  local expected flows
  expected="$n flow(s) in $n file(s) are valid."
  flows=$(thousands "$n")
  log "flowctl validate and PyYAML: $n files, best of $BEST_OF"
  for i in $(seq 1 "$BEST_OF"); do
    if [ "$ok" -eq 1 ]; then
      timed "validate-$n-$i" "$RUN_TIMEOUT_MARGIN" "$FLOWCTL" \
        --config "$data/flowctl.yaml" --no-color validate
      if [ "$RC" -eq 0 ] &&
        grep -qxF "$expected" "$RAW/validate-$n-$i.out"; then
        if improves "$best_flowctl"; then
          best_flowctl=$WALL flowctl_cpu=$CPU
        fi
      else
        log "flowctl validate failed, exit $RC:"
        tail -n 3 "$RAW/validate-$n-$i.out" "$RAW/validate-$n-$i.err" >&2
        ok=0
        best_flowctl=""
      fi
    fi
    timed "pyyaml-$n-$i" "$RUN_TIMEOUT_MARGIN" "$PYTHON_YAML" -c \
      "$PYYAML_SCRIPT" "$data/flows"
    if [ "$RC" -ne 0 ]; then
      die "PyYAML failed: $(tail -n 1 "$RAW/pyyaml-$n-$i.err")"
    fi
    if improves "$best_pyyaml"; then
      best_pyyaml=$WALL pyyaml_cpu=$CPU
    fi
    timed "libyaml-$n-$i" "$RUN_TIMEOUT_MARGIN" "$BUILD/libyaml_floor" \
      "$data/flows"
    if [ "$RC" -ne 0 ] || ! grep -q "^$n files," "$RAW/libyaml-$n-$i.out"; then
      die "libyaml_floor failed: $(tail -n 1 "$RAW/libyaml-$n-$i.err")" \
        "$(cat "$RAW/libyaml-$n-$i.out")"
    fi
    if improves "$best_floor"; then
      best_floor=$WALL floor_cpu=$CPU
    fi
  done

  local pass=0
  if within "$best_flowctl" "$best_pyyaml" 1; then pass=1; fi
  local cells=("$flows" "$(seconds "$best_flowctl")" "$(seconds "$flowctl_cpu")"
    "$(seconds "$best_pyyaml")" "$(seconds "$pyyaml_cpu")"
    "$(ratio "$best_flowctl" "$best_pyyaml")"
    "$(ratio "$flowctl_cpu" "$pyyaml_cpu")")
  VALIDATE_ROW="| $(join_cells "${cells[@]}") |"
  FLOOR_LINE="libyaml's parser alone over the same files, building nothing"
  FLOOR_LINE+=" (\`bench/libyaml_floor.cpp\`, one thread): $(seconds \
    "$best_floor"), $(seconds "$floor_cpu") of CPU."
  add_target "validate no slower than PyYAML's C loader, $flows files" \
    "$(ratio "$best_flowctl" "$best_pyyaml")" "$(verdict $pass)"
}

machine_lines() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: nproc $(nproc), CPU ${cpu:-unknown}," \
    "$(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)"
  echo "- load average (1 min) at start: $LOAD_START, at end: $(load_now)"
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null ||
    echo unknown) (plus any uncommitted changes in the tree)"
  echo "- command: \`bench/run.sh${QUICK_FLAG}\`"
  local origin="built Release"
  if [ -n "${BENCH_FLOWCTL:-}${BENCH_SANDBOX:-}" ]; then
    origin="given through BENCH_FLOWCTL or BENCH_SANDBOX"
  fi
  echo "- binaries: $FLOWCTL, $SANDBOX ($origin)"
}

load_now() {
  cut -d' ' -f1 /proc/loadavg
}

write_results() {
  {
    echo "# flowctl benchmarks"
    echo
    machine_lines
    echo "- flows: bench/gen_flows.py N --changed-share $CHANGED_SHARE" \
      "--seed 1; parallelism $PARALLELISM, requests_per_minute" \
      "$REQUESTS_PER_MINUTE; the" \
      "sandbox on loopback with --latency-ms as shown"
    echo
    echo "## flowctl plan"
    echo
    echo "Latency bound: ceil(N / $PARALLELISM) x latency. curl fetches the" \
      "same URLs with the same header: \`curl --parallel --parallel-max" \
      "$PARALLELISM\`. Wall time, CPU time (user + system) and peak RSS" \
      "from \`/usr/bin/time -v\`; the targets are judged on wall time." \
      "\"fetch + diff\" is what as many more runs with" \
      "\`--log-level debug\` report as \"planned N flows in T ms\" (the" \
      "best): the wall time without start-up, reading the flow files and" \
      "printing."
    echo
    echo "| flows | latency | flowctl plan | its CPU | fetch + diff |" \
      "peak RSS | latency bound | flowctl / bound | curl | flowctl / curl |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" \
      "---: |"
    printf '%s\n' "${PLAN_ROWS[@]}"
    echo
    echo "## Saved plans"
    echo
    echo "\`flowctl plan --out\` and \`flowctl show PLAN --format markdown\`" \
      "at 0 ms, once each, as the pull-request workflow runs them."
    echo
    echo "| flows | plan --out | its peak RSS | plan file | show |" \
      "its peak RSS |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${SAVED_ROWS[@]}"
    echo
    echo "## flowctl validate"
    echo
    echo "PyYAML: \`$PYTHON_YAML -c\` loading every file with" \
      "\`yaml.load(f, Loader=yaml.CSafeLoader)\`, interpreter start included" \
      "as flowctl's is; best of $BEST_OF, run alternately."
    echo
    echo "| files | flowctl validate | its CPU | PyYAML C loader | its CPU |" \
      "flowctl / PyYAML | CPU ratio |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    echo "$VALIDATE_ROW"
    echo
    echo "$FLOOR_LINE"
    echo
    echo "## CPU at 0 ms"
    echo
    echo "CPU time (user + system) of the client and, from /proc, of the" \
      "sandbox during the same best run; \"busy\" is both together over" \
      "wall time x $(nproc) cores. Where curl and the sandbox keep the" \
      "cores busy, any CPU that flowctl spends beyond curl's adds wall time."
    echo
    echo "| flows | curl | its CPU | sandbox CPU | busy |" \
      "flowctl plan | its CPU | sandbox CPU | busy |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${CPU_ROWS[@]}"
    echo
    echo "## Targets"
    echo
    echo "| target | measured | result |"
    echo "| --- | ---: | :---: |"
    printf '%s\n' "${TARGETS[@]}"
    if [ "$QUICK" -eq 1 ]; then
      echo
      echo "With --quick 10,000 flows are not measured: no memory target."
    fi
  } >"$RESULTS"
}

main() {
  check_tools
  mkdir -p "$OUT"
  rm -rf "$RAW"
  mkdir -p "$RAW"
  WORK=$(mktemp -d /tmp/flowctl-bench-XXXXXX)
  chmod 700 "$WORK"

  TOKEN=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  export VERIFIK_TOKEN=$TOKEN
  export NO_COLOR=1
  build
  LOAD_START=$(load_now)

  PLAN_ROWS=()
  CPU_ROWS=()
  SAVED_ROWS=()
  local n latency
  for n in "${SIZES[@]}"; do
    generate "$n"
    for latency in "${LATENCIES[@]}"; do
      run_plan_row "$n" "$latency"
    done
  done
  run_validate_row "$VALIDATE_SIZE"

  write_results
  cat "$RESULTS"
}

main
