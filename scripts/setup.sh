#!/usr/bin/env bash
# First command of the README: install what is missing, build (release), run the default drill.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
echo
build/bin/drilltwin run scenarios/desk_mmc.yaml
