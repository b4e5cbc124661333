#!/usr/bin/env bash
# bench/fixcurve.sh shows how the time and memory of -fix grow with the size
# of one file: for each size, a generated module with one file of N
# functions, half of them with a finding and its fix, is analysed once to
# report and once with -fix (on a fresh copy), and the table gives wall
# time and peak RSS of each and their ratio.
#
#   bench/fixcurve.sh [N...]      (default: 5000 10000 25000 50000)
#
# With -profile DIR, each -fix run also writes a CPU profile there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
profile=""
if [ "${1:-}" = "-profile" ]; then profile=$2; shift 2; fi
[ $# -gt 0 ] || set -- 5000 10000 25000 50000
command -v /usr/bin/time >/dev/null || { echo "bench/fixcurve.sh needs /usr/bin/time (Debian package time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/swallowcancel" ./cmd/swallowcancel)
gen() { # n -> a package of n functions, every other one a swallow
  python3 - "$1" <<'PY'
import sys
n = int(sys.argv[1])
print('package big\n\nimport (\n\t"context"\n\t"errors"\n)\n\nfunc work(ctx context.Context) error { return ctx.Err() }\n')
for i in range(n):
    if i % 2 == 0:
        print(f"func f{i}(ctx context.Context) error {{\n\terr := work(ctx)\n\tif errors.Is(err, context.Canceled) {{\n\t\treturn nil\n\t}}\n\treturn err\n}}\n")
    else:
        print(f"func g{i}(xs []int) int {{\n\ts := 0\n\tfor _, x := range xs {{\n\t\ts += x\n\t}}\n\treturn s\n}}\n")
PY
}
echo "| functions in the file | fixes | report: wall (s) | report: peak RSS (MB) | -fix: wall (s) | -fix: peak RSS (MB) | -fix / report wall |"
echo "|---|---|---|---|---|---|---|"
for n in "$@"; do
  mod="$work/m$n"
  mkdir -p "$mod"
  printf 'module big\n\ngo 1.26.0\n' > "$mod/go.mod"
  gen "$n" > "$mod/big.go"
  cp "$mod/big.go" "$work/orig.go"
  (cd "$mod" && /usr/bin/time -f "%e %M" -o "$work/t1" "$work/swallowcancel" ./... >/dev/null 2>&1 || true)
  prof=()
  [ -z "$profile" ] || prof=(-cpuprofile "$profile/fix-$n.prof")
  (cd "$mod" && /usr/bin/time -f "%e %M" -o "$work/t2" "$work/swallowcancel" "${prof[@]}" -fix ./... >/dev/null 2>&1 || true)
  cmp -s "$mod/big.go" "$work/orig.go" && { echo "fixcurve: -fix changed nothing at $n functions" >&2; exit 1; }
  read -r w1 m1 < <(tail -n 1 "$work/t1")
  read -r w2 m2 < <(tail -n 1 "$work/t2")
  python3 -c "print(f'| {$n} | {$n // 2} | {$w1} | {$m1 // 1024} | {$w2} | {$m2 // 1024} | {$w2 / $w1:.1f}× |')"
  rm -rf "$mod"
done
