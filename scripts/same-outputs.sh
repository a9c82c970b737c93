#!/usr/bin/env bash
# Shows that a change leaves every shipped scenario's results unchanged: builds BASE (a commit,
# default HEAD~1) in a separate worktree, runs the same commands with both builds and compares
# summary.json, replications.csv, comparison.csv and points.csv byte for byte.
#   scripts/same-outputs.sh [BASE] [BUILD_DIR]     (BUILD_DIR: the current build, default build)
# Exit 0 when every file is identical; otherwise prints the files that differ and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
build=${2:-build}
work=$(mktemp -d "${TMPDIR:-/tmp}/drilltwin-same.XXXXXX")
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/src" "$base" >/dev/null 2>&1
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRILLTWIN_TESTS=OFF \
  -DDRILLTWIN_BENCH=OFF -DDRILLTWIN_VIEWER=OFF >/dev/null
cmake --build "$work/build" --target drilltwin >/dev/null
cmake --build "$build" --target drilltwin >/dev/null

# Every command a shipped scenario documents, at its own replication count.
commands=()
for f in scenarios/*.yaml; do
  n=$(basename "$f" .yaml)
  if grep -q '^sweep:' "$f"; then commands+=("$n|sweep $f --threads 2")
  else commands+=("$n|run $f --threads 2 -q"); fi
done
commands+=("compare_strategy|compare scenarios/workorders_day.yaml --vary dispatch.strategy=manual,nearest,optimal --threads 2")
commands+=("compare_butler|compare scenarios/workorders_day.yaml --vary dispatch.strategy=nearest,priority,zone_butler --threads 2")
commands+=("compare_entrapment|compare scenarios/entrapment_response.yaml --vary dispatch.strategy=manual,nearest,priority --threads 2")

differ=0
for c in "${commands[@]}"; do
  name=${c%%|*}; args=${c#*|}
  for side in base new; do
    bin=$work/build/bin/drilltwin; [ "$side" = new ] && bin=$build/bin/drilltwin
    # shellcheck disable=SC2086
    "$bin" $args --out "$work/$side/$name" >/dev/null 2>"$work/$side-$name.err" || {
      echo "$name: '$side' build failed: $(tail -n 3 "$work/$side-$name.err")"; differ=1; }
  done
  for file in summary.json replications.csv comparison.csv points.csv; do
    [ -f "$work/base/$name/$file" ] || [ -f "$work/new/$name/$file" ] || continue
    if ! cmp -s "$work/base/$name/$file" "$work/new/$name/$file"; then
      # summary.json names the threads; everything else must match exactly.
      echo "DIFFERS: $name/$file"; differ=1
    else
      echo "same:    $name/$file"
    fi
  done
done
exit $differ
