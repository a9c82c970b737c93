#!/usr/bin/env bash
# Second command of the README: install what is missing, build (release) and run every test.
#   scripts/test.sh          release build, whole suite
#   scripts/test.sh asan     the same under AddressSanitizer + UndefinedBehaviorSanitizer
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset"
