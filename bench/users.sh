#!/usr/bin/env bash
# bench/users.sh measures what a user pays for swallowcancel in the setups
# users compare against, as ratios measured in one run:
#   - golangci-lint's standard linter set alone, against the same set plus
#     the swallowcancel plugin, each run with a fresh lint cache;
#   - go vet ./... against go vet -vettool=swallowcancel ./..., each run with
#     vet's result cache busted by a flag value no run has used (the build
#     cache stays warm, as it is for a user);
#   - swallowcancel ./... alone.
# The commands alternate, after one warm-up each; the table gives medians.
#
#   bench/users.sh [-runs N] MODULE_DIR     (default: -runs 3)
#
# It builds golangci-lint v2.15.0 with the plugin from the module proxy
# (testdata/golangci/build), which takes minutes the first time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    -runs) runs=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [-runs N] MODULE_DIR" >&2; exit 2; }
dir=$(cd "$1" && pwd)
command -v /usr/bin/time >/dev/null || { echo "bench/users.sh needs /usr/bin/time (Debian package time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/swallowcancel" ./cmd/swallowcancel)
(cd "$root/testdata/golangci/build" && go build -o "$work/golangci-lint" .)
cat > "$work/standard.yml" <<'EOF'
version: "2"
linters:
  default: standard
EOF
cat > "$work/plus.yml" <<'EOF'
version: "2"
linters:
  default: standard
  enable:
    - swallowcancel
  settings:
    custom:
      swallowcancel:
        type: module
        description: reports tasks that swallow their context's cancellation
EOF

# Each measured go vet run passes a flag value no run has used, so that vet's
# result cache misses: unique across invocations of this script too (a
# counter from 1 would repeat the values of the previous invocation, whose
# results vet has cached), hence the clock and the process ID in it.
seed="$(date +%s%N)-$$"
i=0
measure() { # name command... -> appends "name seconds"
  local name=$1
  shift
  i=$((i + 1))
  export GOLANGCI_LINT_CACHE="$work/lint-cache-$i" # fresh each run
  (cd "$dir" && /usr/bin/time -f "%e" -o "$work/time" "$@" >/dev/null 2>&1 || true)
  echo "$name $(tail -n 1 "$work/time")" >> "$work/results"
}
round() {
  measure golangci-standard "$work/golangci-lint" run --config "$work/standard.yml" ./...
  measure golangci-plus "$work/golangci-lint" run --config "$work/plus.yml" ./...
  # A flag value no run has used makes vet's result cache miss; the build
  # cache stays warm. (Under go vet a launcher in a package nothing loads
  # is accepted in silence; the command would warn.)
  measure vet go vet -printf.funcs="nothing_${seed}_$i" ./...
  measure vet-swallowcancel go vet -vettool="$work/swallowcancel" -launchers="example.invalid/nothing_${seed}_$i.Go" ./...
  measure swallowcancel "$work/swallowcancel" ./...
}
round # warm-up
rm -f "$work/results"
for _ in $(seq "$runs"); do round; done
python3 - "$work/results" "$dir" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for name in ("golangci-standard", "golangci-plus", "vet", "vet-swallowcancel", "swallowcancel"):
    xs = [float(r[1]) for r in rows if r[0] == name]
    med[name] = (statistics.median(xs), len(xs))
print(f"module: {sys.argv[2]}  (median of {med['vet'][1]} alternating runs)\n")
print("| comparison | baseline (s) | with swallowcancel (s) | ratio |")
print("|---|---|---|---|")
g0, g1 = med["golangci-standard"][0], med["golangci-plus"][0]
v0, v1 = med["vet"][0], med["vet-swallowcancel"][0]
print(f"| golangci-lint, standard set (fresh cache) | {g0:.1f} | {g1:.1f} | {g1/g0:.2f}× |")
print(f"| go vet ./... vs go vet -vettool (result cache busted) | {v0:.1f} | {v1:.1f} | {v1/v0:.2f}× |")
print(f"| swallowcancel ./... alone | | {med['swallowcancel'][0]:.1f} | |")
PY
