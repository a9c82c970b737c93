#!/usr/bin/env bash
# Installs the Debian 12 packages drilltwin needs to build, test and view, if any are missing.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  libtbb-dev libyaml-cpp-dev libcli11-dev nlohmann-json3-dev libfmt-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libopenscenegraph-dev openscenegraph xvfb xauth libgl1-mesa-dri
  fonts-noto-cjk fontconfig    # drilltwin-view --lang zh-CN: a font with Chinese characters, found with fc-match
  ffmpeg                       # drilltwin-view --video: encodes the PNG frame sequence into an MP4 (its test skips without it)
  libopenmpi-dev openmpi-bin   # distributed sweeps (mpirun)
  chromium libpng-dev          # the report test renders report.html headless and reads the screenshot
  python3
  libnlopt-cxx-dev             # drilltwin calibrate: the bounded derivative-free search (NLopt BOBYQA)
  libosmium2-dev libprotozero-dev libexpat1-dev zlib1g-dev libbz2-dev libproj-dev proj-data  # drilltwin import (OSM/GeoJSON → layout)
  pybind11-dev python3-dev python3-numpy python3-pandas python3-pytest python3-matplotlib  # the Python module (python/, docs/python.md), its tests and examples
  clang-14 libfuzzer-14-dev    # fuzz/: the fuzz preset and scripts/fuzz.sh (libFuzzer)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
