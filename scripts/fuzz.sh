#!/usr/bin/env bash
# Fuzzes the readers of untrusted input (fuzz/; docs/architecture.md, "Fuzzing and sanitizers"):
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# builds the fuzz preset (clang-14, libFuzzer, ASan + UBSan), assembles the seed corpus in
# build-fuzz/corpus/<target> (fuzz/make-corpus.sh), then runs each target (default: scenario layout
# trace results_db drill_records work_orders osm geojson) for SECONDS (default 60), two at a time (the machine has two cores).
# Inputs that found new coverage are kept in build-fuzz/work-corpus/<target> (and used again by the
# next run); crashes, leaks, timeouts and out-of-memory inputs go to build-fuzz/artifacts/<target>/;
# the output of each run is build-fuzz/logs/<target>.log.
#   FUZZ_ARGS="-fork=1 -ignore_crashes=1"  extra libFuzzer flags (here: go on after a crash)
# Exit status 1 when a target found something (its artifacts are listed), 0 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(scenario layout trace results_db drill_records work_orders osm geojson)

scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2
fuzz/make-corpus.sh build-fuzz/bin/drilltwin build-fuzz/corpus

run() {
  local t=$1
  mkdir -p "build-fuzz/work-corpus/$t" "build-fuzz/artifacts/$t" build-fuzz/logs
  local dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  # shellcheck disable=SC2086
  "build-fuzz/bin/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/artifacts/$t/" "${dict[@]}" ${FUZZ_ARGS:-} \
    "build-fuzz/work-corpus/$t" "build-fuzz/corpus/$t" >"build-fuzz/logs/$t.log" 2>&1 || true
}

for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  [ $((i + 1)) -lt ${#targets[@]} ] && run "${targets[i + 1]}" &
  wait
done

found=0
for t in "${targets[@]}"; do
  echo "fuzz_$t: $(grep -E '^#[0-9]+' "build-fuzz/logs/$t.log" | tail -n 1)"
  if grep -q -E '^(==[0-9]+==ERROR|SUMMARY: )' "build-fuzz/logs/$t.log"; then
    found=1
    grep -E 'Test unit written to|^SUMMARY: ' "build-fuzz/logs/$t.log" | sed 's/^/    /'
  fi
done
exit $found
