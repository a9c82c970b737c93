#!/usr/bin/env bash
# First command of the README: install what is missing, build (release), run the default drill
# (the night evacuation of the whole compound) and the default service-desk scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
# The Python module (docs/python.md): build/python on the path of the Python it was built for, with a
# .pth file in its site-packages (as root, for every user; else the user's own site-packages).
if [ -f build/python/interpreter ]; then
  py=$(cat build/python/interpreter)
  if [ "$(id -u)" -eq 0 ]; then
    site=$("$py" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
  else
    site=$("$py" -m site --user-site)
  fi
  mkdir -p "$site"
  echo "$PWD/build/python" > "$site/drilltwin.pth"
  echo "Python: import drilltwin ($py; $site/drilltwin.pth -> build/python)"
  on_path=$(command -v python3 || true)
  if [ -n "$on_path" ] && [ "$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)" != "$py" ]; then
    echo "Python: note: python3 on the PATH is $on_path, not $py: use $py for drilltwin (docs/python.md)"
  fi
fi
echo
build/bin/drilltwin run scenarios/fire_drill_night.yaml
echo
build/bin/drilltwin run scenarios/desk_mmc.yaml
