#!/usr/bin/env bash
# realworld.sh runs swallowcancel on the dev corpus repositories and compares
# its findings with the labels in dev-cases.jsonl, in default and -strict mode.
#
#   scripts/realworld.sh [-cases FILE] [-out DIR] REPO=CHECKOUT...
#
# REPO is owner/name as in the cases file (prometheus/prometheus); CHECKOUT is
# a tree of that repository at the labeled commit, e.g. exported with
#   git --git-dir=<bare repo> archive <commit> | tar -x -C <dir>
# Its modules must be downloadable (or vendored). The script fetches nothing
# itself. A repository that needs its own environment to load (build tags,
# a GOWORK, -mod=mod) is given it in corpus-env.tsv beside this script. It
# prints a Markdown table per repository and writes the raw -json output of
# each run under -out (default: a temporary directory).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cases="$root/../shared/corpus/dev-cases.jsonl"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    -cases) cases=$2; shift 2 ;;
    -out) out=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [-cases FILE] [-out DIR] REPO=CHECKOUT..." >&2; exit 2; }
[ -n "$out" ] || out=$(mktemp -d)
mkdir -p "$out"
bin="$out/swallowcancel"
(cd "$root" && GOWORK=off go build -o "$bin" ./cmd/swallowcancel) # the checkouts' GOWORK, if any, is not ours
exec python3 "$here/realworld.py" "$bin" "$cases" "$out" "$@"
