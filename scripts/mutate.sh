#!/usr/bin/env bash
# Mutation check of the model's constants: does the test suite notice when a constant is wrong?
#
# Each core constant of the movement model (the SFPE hydraulic model's k values, a, the free-flow
# density, the peak flow and storage density, door flow, boundary layers, the crowd model's
# defaults, the IMO speeds and ascent factor, the census share of the 60+) is perturbed by +5 %
# and then by -5 %, one at a time, with sed on a copy of the tree in $TMPDIR. After each change
# the script rebuilds drilltwin_model_tests (the verification cases and the people/movement
# tests, tests/CMakeLists.txt; incremental, ccache if available) and runs it. A mutation is
# KILLED when at least one named test fails, SURVIVED when every test still passes.
#
# Prints a table "constant | mutation | failing test(s) or SURVIVED" and exits 1 if any mutation
# survived (2 if the unmutated tree already fails or a mutation could not be applied or built).
#
# Usage: scripts/mutate.sh [-j N] [--only REGEX] [--keep]
#   -j N          build jobs (default 2)
#   --only REGEX  only the constants whose name matches REGEX (grep -E)
#   --keep        keep the copy of the tree (printed) instead of deleting it
# The copy is the working tree as it is (tracked files and untracked, not ignored, ones), so
# uncommitted changes are checked too. Runtime: about 20-30 s per mutation on 2 cores.
set -euo pipefail

jobs=2
only=""
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    -j) jobs="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "mutate.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

root=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drilltwin-mutate.XXXXXX")
cleanup() {
  if [[ $keep == 1 ]]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# The mutations: constant | file | line (grep -E pattern selecting the one line) | literal | occurrence.
# A constant with several rows (a group of table entries) is perturbed in all of them at once.
# Derived quantities are perturbed through the number in their formula: Fsm = k/(4a) by the 4
# (+5 % on the 4 is -4.8 % on Fsm), the peak-flow density 1/(2a) by the 2.
read -r -d '' MUTATIONS <<'EOF' || true
SFPE stair constant k = 51.8 sqrt(T/R) m/min|engine/world/hydraulics.h|kStairK_m_per_min = |51.8|1
SFPE k level, corridors, doors 1.40 m/s|engine/world/hydraulics.h|kLevelK_mps = |1.40|1
SFPE a = 0.266 m2/p|engine/world/hydraulics.h|double kA = |0.266|1
SFPE free-flow density 0.54 p/m2 (max speed S0)|engine/world/hydraulics.h|kFreeDensity_ppm2 = |0.54|1
SFPE max specific flow Fsm = k/(4a): the 4|engine/world/hydraulics.h|return k_mps / \(4\.0 \* kA\)|4.0|1
SFPE peak-flow (link storage) density 1/(2a): the 2|engine/world/hydraulics.h|kPeakFlowDensity_ppm2 = |2.0|1
door/exit specific flow 1.3 p/s/m|engine/people/movement_config.h|door_specific_flow_pps_per_m = |1.3|1
boundary layer doors 0.15 m|engine/people/movement_config.h|boundary_layer_door_m = |0.15|1
boundary layer stairs 0.15 m|engine/people/movement_config.h|boundary_layer_stair_m = |0.15|1
boundary layer corridors 0.20 m|engine/people/movement_config.h|boundary_layer_corridor_m = |0.20|1
boundary layer site paths 0.15 m|engine/people/movement_config.h|boundary_layer_path_m = |0.15|1
node max density 3.0 p/m2|engine/people/movement_config.h|node_max_density_ppm2 = |3.0|1
overtaking min width 1.5 m|engine/people/movement_config.h|overtaking_min_width_m = |1.5|1
route tolerance 5 %|engine/people/movement_config.h|route_tolerance_fraction = |0.05|1
route tolerance 1 s|engine/people/movement_config.h|route_tolerance_s = |1.0|1
exit flow window 10 s|engine/people/movement_config.h|exit_flow_window_s = |10.0|1
threshold link length 2 m|engine/people/evacuation_network.cpp|kShortLink_m = |2.0|1
IMO stair ascent/descent 0.75|engine/world/routing.h|stair_up_factor = |0.75|1
IMO level speeds adults|engine/people/population_config.h|// adult$|0.71|1
IMO level speeds adults|engine/people/population_config.h|// adult$|1.19|1
IMO level speeds adults|engine/people/population_config.h|// adult$|0.97|1
IMO level speeds adults|engine/people/population_config.h|// adult$|1.62|1
IMO level speeds 60+|engine/people/population_config.h|// 60\+$|0.56|1
IMO level speeds 60+|engine/people/population_config.h|// 60\+$|0.94|1
IMO level speeds 60+|engine/people/population_config.h|// 60\+$|0.84|1
IMO level speeds 60+|engine/people/population_config.h|// 60\+$|1.40|1
IMO stair-down speeds adults, 60+|engine/people/population_config.h|// adult$|0.49|1
IMO stair-down speeds adults, 60+|engine/people/population_config.h|// adult$|0.81|1
IMO stair-down speeds adults, 60+|engine/people/population_config.h|// adult$|0.64|1
IMO stair-down speeds adults, 60+|engine/people/population_config.h|// adult$|1.07|1
IMO stair-down speeds adults, 60+|engine/people/population_config.h|// 60\+$|0.45|1
IMO stair-down speeds adults, 60+|engine/people/population_config.h|// 60\+$|0.75|1
IMO stair-down speeds adults, 60+|engine/people/population_config.h|// 60\+$|0.50|1
IMO stair-down speeds adults, 60+|engine/people/population_config.h|// 60\+$|0.84|2
IMO stair-up speeds adults, 60+|engine/people/population_config.h|// adult$|0.44|1
IMO stair-up speeds adults, 60+|engine/people/population_config.h|// adult$|0.74|1
IMO stair-up speeds adults, 60+|engine/people/population_config.h|// adult$|0.47|1
IMO stair-up speeds adults, 60+|engine/people/population_config.h|// adult$|0.79|1
IMO stair-up speeds adults, 60+|engine/people/population_config.h|// 60\+$|0.37|1
IMO stair-up speeds adults, 60+|engine/people/population_config.h|// 60\+$|0.61|1
IMO stair-up speeds adults, 60+|engine/people/population_config.h|// 60\+$|0.38|1
IMO stair-up speeds adults, 60+|engine/people/population_config.h|// 60\+$|0.64|1
census share aged 60+ 0.187|engine/people/population_config.h|double share_60_plus = |0.187|1
EOF

echo "mutate.sh: copying the working tree of $root to $tmp" >&2
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$tmp"

launcher=()
if [[ -z "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ]] && command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$tmp" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRILLTWIN_VIEWER=OFF \
  -DDRILLTWIN_BENCH=OFF "${launcher[@]}" >"$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log" >&2; exit 2; }

build() { ninja -C "$tmp/build" -j "$jobs" drilltwin_model_tests >"$tmp/build.log" 2>&1; }
# Runs the tests; prints the names of the failing ones, one per line, verification cases first.
failing() {
  "$tmp/build/bin/drilltwin_model_tests" --gtest_brief=1 >"$tmp/test.log" 2>&1 || true
  sed -n 's/^\[  FAILED  \] \([^ ,]*\.[^ ,]*\).*/\1/p' "$tmp/test.log" |
    sed 's|^Cases/Verification\.ReproducesTheHandCalculation/|Verification/|' | sort -u |
    awk '/^Verification\// { print; next } { rest[++n] = $0 } END { for (i = 1; i <= n; i++) print rest[i] }'
}

start=$(date +%s)
echo "mutate.sh: building drilltwin_model_tests on the unmutated tree" >&2
t0=$(date +%s)
build || { echo "mutate.sh: the unmutated tree does not build:" >&2; tail -30 "$tmp/build.log" >&2; exit 2; }
base=$(failing)
if [[ -n "$base" ]]; then
  echo "mutate.sh: the unmutated tree already fails:" >&2
  echo "$base" >&2
  exit 2
fi
echo "mutate.sh: unmutated tree built and passing ($(( $(date +%s) - t0 )) s); mutating" >&2

# The constants in order of first appearance.
mapfile -t constants < <(printf '%s\n' "$MUTATIONS" | cut -d'|' -f1 | awk 'NF && !seen[$0]++')
survived=0
broken=0
rows=()
for constant in "${constants[@]}"; do
  if [[ -n "$only" ]] && ! grep -Eq -- "$only" <<<"$constant"; then continue; fi
  for factor in 1.05 0.95; do
    t0=$(date +%s)
    label=$([[ $factor == 1.05 ]] && echo "+5 %" || echo "-5 %")
    touched=()
    ok=1
    while IFS='|' read -r name file line literal occurrence; do
      [[ "$name" == "$constant" ]] || continue
      [[ -f "$tmp/$file.orig" ]] || { cp -p "$tmp/$file" "$tmp/$file.orig"; touched+=("$file"); }
      value=$(awk -v x="$literal" -v f="$factor" 'BEGIN { printf "%.10g", x * f }')
      # The literal as a whole number: not preceded by a digit or '.', not followed by one.
      re_lit=${literal//./\\.}
      before=$(md5sum <"$tmp/$file")
      sed -E -i "\\#$line# s#(^|[^0-9.])$re_lit([^0-9]|\$)#\\1$value\\2#$occurrence" "$tmp/$file"
      if [[ "$(md5sum <"$tmp/$file")" == "$before" ]]; then
        echo "mutate.sh: '$constant': $literal (occurrence $occurrence) not found on /$line/ in $file" >&2
        ok=0
      fi
    done <<<"$MUTATIONS"
    if [[ $ok == 1 ]] && build; then
      mapfile -t fails < <(failing)
      if [[ ${#fails[@]} -eq 0 ]]; then
        result="SURVIVED"
        survived=$((survived + 1))
      else
        result=$(printf '%s\n' "${fails[@]}" | head -3 | paste -sd ',' | sed 's/,/, /g')
        [[ ${#fails[@]} -gt 3 ]] && result="$result (+$((${#fails[@]} - 3)) more)"
        result="${#fails[@]} failing: $result"
      fi
    else
      [[ $ok == 1 ]] && { echo "mutate.sh: '$constant' $label does not build:" >&2; grep -m5 -E "error" "$tmp/build.log" >&2 || true; }
      result="NOT APPLIED OR NOT BUILT"
      broken=$((broken + 1))
    fi
    rows+=("$constant|$label|$result")
    printf '%-50s %-5s %4ss  %s\n' "$constant" "$label" "$(( $(date +%s) - t0 ))" "$result" >&2
    for f in "${touched[@]}"; do mv "$tmp/$f.orig" "$tmp/$f"; touch "$tmp/$f"; done
  done
done

elapsed=$(( $(date +%s) - start ))
echo
echo "| constant | mutation | failing test(s) |"
echo "|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r c m t <<<"$r"
  echo "| $c | $m | $t |"
done
echo
echo "${#rows[@]} mutations, $((${#rows[@]} - survived - broken)) killed, $survived survived, $broken not applied/built; ${elapsed} s"
[[ $broken -gt 0 ]] && exit 2
[[ $survived -gt 0 ]] && exit 1
exit 0
