#!/usr/bin/env bash
# Lists the engine source files that have no test file of their own. Tests mirror the tree
# (docs/STYLE: engine/<part>/<name>.cpp is tested by tests/<part>/<name>_test.cpp); a header
# counts only when it has no .cpp beside it and holds logic (an inline function body), so plain
# declarations and structs are not listed.
#
#   scripts/untested.sh            every untested engine file, engine/cli/ included
#   scripts/untested.sh --no-cli   without engine/cli/ (its commands are tested through the
#                                  executable in tests/cli/, one test file per command)
# Exit status: 0 always; the list is on stdout, one path per line, with a count on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

skip_cli=0
[[ "${1:-}" == "--no-cli" ]] && skip_cli=1

count=0
while IFS= read -r file; do
  part=$(basename "$(dirname "$file")")
  name=$(basename "$file"); name=${name%.*}
  [[ $skip_cli == 1 && $part == cli ]] && continue
  if [[ $file == *.h ]]; then
    [[ -f ${file%.h}.cpp ]] && continue  # tested with its .cpp
    # "logic": a function body, i.e. a line ending in '{' that is not a class/struct/enum/namespace.
    grep -Eq '\)[^;]*\{[[:space:]]*$|\) (const )?(noexcept )?\{.*\}' "$file" || continue
  fi
  [[ -f tests/$part/${name}_test.cpp ]] && continue
  echo "$file"
  count=$((count + 1))
done < <(find engine -name '*.cpp' -o -name '*.h' | sort)
echo "$count untested engine files" >&2
