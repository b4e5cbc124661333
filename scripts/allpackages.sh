#!/usr/bin/env bash
# allpackages.sh runs swallowcancel twice over std and over every package of
# the given module roots (e.g. checkouts of the dev corpus repositories, see
# realworld.sh), and checks that no run panics or reports an internal
# error, and that the two runs print the same output, order included.
# Packages that fail to type-check are listed, not counted as failures.
#
#   scripts/allpackages.sh [-out DIR] [MODULE_ROOT...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=""
if [ "${1:-}" = "-out" ]; then out=$2; shift 2; fi
[ -n "$out" ] || out=$(mktemp -d)
mkdir -p "$out"
bin="$out/swallowcancel"
(cd "$root" && GOWORK=off go build -o "$bin" ./cmd/swallowcancel) # the checkouts' GOWORK, if any, is not ours

status=0
check() { # name dir patterns...
  local name=$1 dir=$2
  shift 2
  for run in 1 2; do
    (cd "$dir" && "$bin" -json "$@" > "$out/$name.$run.json" 2> "$out/$name.$run.err") || true
  done
  local findings errors
  findings=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(v) for p in d.values() for v in p.values() if isinstance(v, list)))' "$out/$name.1.json")
  errors=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for p in d.values() for v in p.values() if isinstance(v, dict)))' "$out/$name.1.json")
  local verdict=ok
  if grep -qE 'panic|internal error|goroutine [0-9]+ \[' "$out/$name.1.err" "$out/$name.2.err"; then
    verdict="PANIC"; status=1
  elif ! cmp -s "$out/$name.1.json" "$out/$name.2.json"; then
    verdict="DIFFERENT OUTPUT"; status=1
  fi
  local loadErrors
  loadErrors=$(grep -c . "$out/$name.1.err" || true)
  echo "| $name | $findings | $errors | $loadErrors | $verdict |"
}

echo "| packages | findings | packages with analysis errors | stderr lines (load errors) | two runs |"
echo "|---|---|---|---|---|"
check std "$root" std
for dir in "$@"; do
  check "$(basename "$(cd "$dir/.." && pwd)")-$(basename "$dir")" "$dir" ./...
done
echo
echo "raw output in $out"
exit $status
