#!/usr/bin/env bash
# First command of the README: install what is missing, build (release), run the default drill
# (the night evacuation of the whole compound) and the default service-desk scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
echo
build/bin/drilltwin run scenarios/fire_drill_night.yaml
echo
build/bin/drilltwin run scenarios/desk_mmc.yaml
