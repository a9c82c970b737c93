#!/usr/bin/env bash
# Second command of the README: install what is missing, build (release) and run every test.
#   scripts/test.sh          release build, whole suite, then a short run of every fuzz target
#   scripts/test.sh asan     the suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   scripts/test.sh tsan     the suite under ThreadSanitizer
#   scripts/test.sh fuzz     only the short fuzz runs (clang-14, libFuzzer; fuzz/)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
scripts/install-deps.sh
suite() {
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1"
  ctest --preset "$1"
}
suite "$preset"
# The readers of untrusted files (scenario, layout, trace, results.sqlite, drill records, work-order
# histories, OSM and GeoJSON maps) fuzzed for 20 s each
# from the seed corpus, plus every input a fuzzer once found (fuzz/regressions/).
if [ "$preset" = release ]; then suite fuzz; fi
