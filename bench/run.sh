#!/usr/bin/env bash
# bench/run.sh times swallowcancel against the no-op floors on a set of
# packages, alternating the commands run by run, and prints the medians of
# wall time and peak RSS with their ratios to each floor.
#
#   bench/run.sh [-runs N] [-dir DIR] [PATTERN...]     (default: -runs 3 std)
#
# Each command runs once untimed first, so that all start from the same warm
# build cache. DIR is where the patterns are resolved (a module root).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
dir=$PWD
while [ $# -gt 0 ]; do
  case "$1" in
    -runs) runs=$2; shift 2 ;;
    -dir) dir=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- std
command -v /usr/bin/time >/dev/null || { echo "bench/run.sh needs /usr/bin/time (Debian package time)" >&2; exit 1; }
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
(cd "$root" && go build -o "$bin/swallowcancel" ./cmd/swallowcancel &&
  go build -o "$bin/noop" ./bench/noop && go build -o "$bin/noopfacts" ./bench/noopfacts)
tools=(noop noopfacts swallowcancel)

measure() { # tool patterns... -> "seconds kilobytes"
  local tool=$1
  shift
  (cd "$dir" && /usr/bin/time -f "%e %M" -o "$bin/time" "$bin/$tool" "$@" >/dev/null 2>&1 || true)
  tail -n 1 "$bin/time"
}
for t in "${tools[@]}"; do measure "$t" "$@" >/dev/null; done # warm up
for i in $(seq "$runs"); do
  for t in "${tools[@]}"; do
    echo "$t $(measure "$t" "$@")" >> "$bin/results"
  done
done
python3 - "$bin/results" "$*" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for tool in ("noop", "noopfacts", "swallowcancel"):
    xs = [(float(r[1]), int(r[2])) for r in rows if r[0] == tool]
    med[tool] = (statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs), len(xs))
print(f"packages: {sys.argv[2]}  (median of {med['noop'][2]} alternating runs)\n")
print("| command | wall (s) | peak RSS (MB) | wall vs noop | RSS vs noop | wall vs noopfacts | RSS vs noopfacts |")
print("|---|---|---|---|---|---|---|")
for tool in ("noop", "noopfacts", "swallowcancel"):
    w, m, _ = med[tool]
    print(f"| {tool} | {w:.1f} | {m/1024:.0f} | {w/med['noop'][0]:.2f}× | {m/med['noop'][1]:.2f}× "
          f"| {w/med['noopfacts'][0]:.2f}× | {m/med['noopfacts'][1]:.2f}× |")
PY
