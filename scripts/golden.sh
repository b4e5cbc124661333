#!/usr/bin/env bash
# golden.sh writes the .golden file of each source in the named testdata
# packages from the analyzer's own fixes, for review with git diff:
#
#   scripts/golden.sh [-strict] [-deadline=false] PKG...
#
# It copies testdata/src to a scratch GOPATH, applies -fix there, and copies
# back each file that has findings. A golden is a claim about what the
# fixed code must be: read the diff before committing it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
flags=()
while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do flags+=("$1"); shift; done
[ $# -gt 0 ] || { echo "usage: $0 [flags] PKG..." >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/swallowcancel" ./cmd/swallowcancel)
cp -r "$root/testdata/src" "$tmp/src"
for pkg in "$@"; do
  (cd "$tmp/src/$pkg" && GOPATH="$tmp" GO111MODULE=off GOFLAGS= GOTOOLCHAIN=local "$tmp/swallowcancel" "${flags[@]}" -fix . >/dev/null 2>&1) || true
  for f in "$root/testdata/src/$pkg"/*.go; do
    fixed="$tmp/src/$pkg/$(basename "$f")"
    if ! cmp -s "$f" "$fixed"; then
      cp "$fixed" "$f.golden"
    else
      rm -f "$f.golden" # no fix in the file any more: a golden would be stale
    fi
  done
done
