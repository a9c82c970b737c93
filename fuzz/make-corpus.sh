#!/usr/bin/env bash
# Assembles the seed corpus of the fuzz targets (fuzz/CMakeLists.txt, scripts/fuzz.sh):
#   fuzz/make-corpus.sh DRILLTWIN OUT_DIR
# DRILLTWIN is the drilltwin executable that writes the traces, scene files and results.sqlite;
# OUT_DIR receives one folder per target (scenario, layout, trace, results_db, drill_records, work_orders, osm, geojson), replaced each time.
# Run from anywhere; the source tree is this script's parent folder.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DRILLTWIN OUT_DIR" >&2; exit 2; }
drilltwin=$(realpath "$1")
out=$(realpath -m "$2")
cd "$(dirname "$0")/.."
# The seeds are made by the fuzz build itself (ASan + UBSan): leaks of the command line are not the
# point here, and the fuzzers report them for the code they exercise.
export ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0

for t in scenario layout trace results_db drill_records work_orders osm geojson; do rm -rf "${out:?}/$t"; mkdir -p "$out/$t"; done
work=$(mktemp -d "${TMPDIR:-/tmp}/drilltwin-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A file under a name that keeps where it came from (a/b/c.yaml -> a_b_c.yaml).
seed() { cp "$1" "$2/$(echo "$1" | tr '/' '_')"; }

# Scenarios: every YAML file the project ships or tests with (layouts too: a scenario may hold one
# inline), and the scenarios' malformed cases.
while IFS= read -r f; do seed "$f" "$out/scenario"; done < <(find scenarios tests assets -name '*.yaml' | sort)

# Layouts: the layouts in assets/ and the malformed layouts of the tests.
while IFS= read -r f; do seed "$f" "$out/layout"; done < <(find assets tests/malformed_layouts -name '*.yaml' | sort)

# Work-order histories: the synthetic examples and the malformed cases.
while IFS= read -r f; do seed "$f" "$out/work_orders"; done < <(find assets/history tests/malformed_histories -name '*.csv' | sort)
# Maps: the import tests' small maps and their malformed cases (drilltwin import).
while IFS= read -r f; do seed "$f" "$out/osm"; done < <(find tests/import -name '*.osm' | sort)
while IFS= read -r f; do seed "$f" "$out/geojson"; done < <(find tests/import -name '*.geojson' | sort)

# Traces and scene files: small runs of the test block (a stair closed during the evacuation; a fire
# found by detectors), and the scene of every verification layout.
"$drilltwin" run tests/hazards/data/stair_closure.yaml -r 1 --threads 1 --trace --trace-interval 20 \
  --out "$work/closure" -q
"$drilltwin" run tests/hazards/data/stair_closure.yaml -r 1 --threads 1 --trace --trace-interval 60 \
  --out "$work/closure60" -q
"$drilltwin" run tests/hazards/data/detectors.yaml -r 1 --threads 1 --trace --trace-interval 30 \
  --out "$work/detectors" -q
cp "$work/closure/trace.bin" "$out/trace/stair_closure.trace.bin"
cp "$work/closure60/trace.bin" "$out/trace/stair_closure_60s.trace.bin"
cp "$work/detectors/trace.bin" "$out/trace/detectors.trace.bin"
for f in assets/verification/*.yaml; do
  "$drilltwin" layout "$f" --export scene "$out/trace/$(basename "$f" .yaml).scene.bin" -q 2>/dev/null
done

# Results databases: a small sweep of the staffing study (12 points x 1 replication), the first of
# its two shards (half of the replications missing, as `merge` and `--resume` find it).
"$drilltwin" sweep scenarios/staffing_sweep.yaml -r 1 --threads 1 --out "$work/sweep" -q
"$drilltwin" sweep scenarios/staffing_sweep.yaml -r 2 --threads 1 --shard 1/2 --out "$work/shard" -q || true
cp "$work/sweep/results.sqlite" "$out/results_db/staffing_sweep.results.sqlite"
cp "$work/shard/results.sqlite" "$out/results_db/staffing_sweep_shard1of2.results.sqlite"
# ... and SQL run by fuzz_results_db on its own small results file (fuzz/seeds/results_db/).
cp fuzz/seeds/results_db/*.sql "$out/results_db/"

# Drill records: the synthetic ones shipped, in both forms (person rows and door counts).
while IFS= read -r f; do seed "$f" "$out/drill_records"; done < <(find assets tests -name '*.csv' -path '*drill*' | sort)
"$drilltwin" drill-records tests/jobs/data/calibration_tower.yaml --drills 1 --counter 30 --out "$out/drill_records/tower_counter.csv" -q
"$drilltwin" drill-records tests/jobs/data/calibration_tower.yaml --drills 1 --out "$out/drill_records/tower_persons.csv" -q

for t in scenario layout trace results_db drill_records work_orders osm geojson; do echo "$t: $(find "$out/$t" -type f | wc -l) seeds"; done
