#!/usr/bin/env bash
# fixcheck.sh applies swallowcancel's fixes to the dev corpus repositories
# and checks that the fixed code is gofmt-clean, builds, draws no new go vet
# finding, and draws nothing on a second run but findings the first run offered without a
# fix, in default and -strict mode. With -tests it also lists the package
# tests whose outcome the fixes change.
#
#   scripts/fixcheck.sh [-cases FILE] [-out DIR] [-tests] REPO=CHECKOUT...
#
# CHECKOUT is a tree of the repository at the labeled commit, as for
# realworld.sh; it is never written: the fixes go to scratch copies under
# -out (default: a temporary directory).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cases="$root/../shared/corpus/dev-cases.jsonl"
out=""
tests=""
while [ $# -gt 0 ]; do
  case "$1" in
    -cases) cases=$2; shift 2 ;;
    -out) out=$2; shift 2 ;;
    -tests) tests=-tests; shift ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [-cases FILE] [-out DIR] [-tests] REPO=CHECKOUT..." >&2; exit 2; }
[ -n "$out" ] || out=$(mktemp -d)
mkdir -p "$out"
bin="$out/swallowcancel"
(cd "$root" && GOWORK=off go build -o "$bin" ./cmd/swallowcancel) # the checkouts' GOWORK, if any, is not ours
exec python3 "$here/fixcheck.py" "$bin" "$cases" "$out" $tests "$@"
