#!/usr/bin/env bash
# Formats C++ files with the project's .clang-format (clang-format 14).
#   scripts/format.sh [FILE...]           format the files (default: every file under engine/ viewer/ tests/ bench/)
#   scripts/format.sh --check [FILE...]   change nothing; list the files that differ, exit 1 if any
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(git ls-files 'engine/*.h' 'engine/*.cpp' 'viewer/*.h' 'viewer/*.cpp' 'tests/*.h' 'tests/*.cpp' 'bench/*.cpp')
fi
if [ $check -eq 0 ]; then clang-format -i "${files[@]}"; exit 0; fi
differ=0
for f in "${files[@]}"; do
  if ! clang-format "$f" | cmp -s "$f" -; then echo "$f"; differ=1; fi
done
exit $differ
