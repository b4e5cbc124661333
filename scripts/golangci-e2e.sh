#!/usr/bin/env bash
# golangci-e2e.sh builds golangci-lint v2.15.0 with the swallowcancel module
# plugin from the module proxy alone (testdata/golangci/build is a small
# wrapper module, so that golangci-lint's ~400 modules stay out of our
# go.mod), lints testdata/golangci/subject with it, and checks that:
#   - the default settings report the default findings and honour //nolint;
#   - strict: true reports the service loop too;
#   - an unknown setting is rejected with a clear error;
#   - run --fix applies the fixes, and the result is formatted, builds,
#     vets clean and draws no further finding;
#   - the README's route works as written: golangci-lint installed with its
#     go install command, golangci-lint custom with the README's
#     .custom-gcl.yml, and the resulting binary with the README's
#     .golangci.yml (both taken from README.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOLANGCI_LINT_CACHE="$work/cache"

# readme_block FIRST prints the README's code block whose first line is
# FIRST, without the block's indentation.
readme_block() {
  awk -v first="$1" '
    /^ *```/ {
      if (state == "in") exit
      if (state == "skip") { state = ""; next }
      state = "start"; ind = index($0, "`") - 1; next
    }
    { line = substr($0, 1, ind) ~ /^ *$/ ? substr($0, ind + 1) : $0 }
    state == "start" { if (line == first) { state = "in"; print line } else state = "skip"; next }
    state == "in" { print line }
  ' "$root/README.md"
}

echo "== building golangci-lint with the plugin (the README's offline route)"
go build -C "$root/testdata/golangci/build" -o "$work/golangci-lint" .
"$work/golangci-lint" version

cp -r "$root/testdata/golangci/subject" "$work/subject"
cd "$work/subject"
fail() { echo "golangci-e2e: $*" >&2; exit 1; }
lint() { # config -> output; golangci-lint exits 1 when it reports
  "$work/golangci-lint" run --config "$1" ./... 2>&1 || true
}

echo "== default settings"
out=$(lint default.yml)
echo "$out"
grep -q 'subject.go:16:3: returning nil swallows context.Canceled.*(swallowcancel)' <<<"$out" || fail "default: Poll not reported"
! grep -q 'subject.go:59:' <<<"$out" || fail "default: RunUntil owns its context: its task's nil is strict-only"
! grep -q 'subject.go:26:' <<<"$out" || fail "default: the service loop is strict-only"
! grep -Eq 'subject.go:(39|40|41):' <<<"$out" || fail "default: //nolint:swallowcancel did not silence Quiet"

# One finding is one issue under golangci-lint's default limits, and every
# //nolint placement silences its finding: many.go has five findings of one
# shape and three silenced ones.
many=$(grep -c '^many.go:.*(swallowcancel)$' <<<"$out" || true)
[ "$many" -eq 5 ] || fail "default: many.go shows $many issues, want its 5 findings once each"
! grep -q '^many.go:.*tested here' <<<"$out" || fail "default: a related position shows as an issue of its own"
! grep -Eq '^many.go:(49|58|66):' <<<"$out" || fail "default: a //nolint placement did not silence its finding"
grep -q '^leak.go:16:4: returning here leaves the tasks started on wg running.*(swallowcancel)' <<<"$out" || fail "default: the leak is not reported"

echo "== strict: true"
out=$(lint strict.yml)
echo "$out"
grep -q 'subject.go:26:4: returning nil once the context is done' <<<"$out" || fail "strict: the service loop not reported"
grep -q 'subject.go:59:4: sending nil swallows context.Canceled.*(swallowcancel)' <<<"$out" || fail "strict: RunUntil not reported"

echo "== an unknown setting"
out=$(lint unknown.yml)
echo "$out"
grep -q 'unknown field "stirct"' <<<"$out" || fail "unknown setting: no clear error"

echo "== the README's route: go install golangci-lint, golangci-lint custom with .custom-gcl.yml and path:"
install=$(readme_block 'go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0')
[ -n "$install" ] || fail "README: no golangci-lint install command"
(cd "$work" && GOBIN="$work/bin" bash -euc "$install") || fail "README: $install failed"
# golangci-lint custom clones golangci-lint from the network; serve that
# clone from the module cache's copy of the same version instead.
gcl_src=$(go env GOMODCACHE)/github.com/golangci/golangci-lint/v2@v2.15.0
cp -r "$gcl_src" "$work/gcl-repo" && chmod -R u+w "$work/gcl-repo"
(cd "$work/gcl-repo" && git init -q && git add -A &&
  git -c user.email=e2e@example.com -c user.name=e2e commit -qm "v2.15.0 from the module cache" && git tag v2.15.0)
mkdir -p "$work/home" "$work/custom"
printf '[url "file://%s"]\n\tinsteadOf = https://github.com/golangci/golangci-lint.git\n' "$work/gcl-repo" > "$work/home/.gitconfig"
readme_block 'version: v2.15.0' | sed "s#/path/to/swallowcancel#$root#" > "$work/custom/.custom-gcl.yml"
grep -q "path: $root" "$work/custom/.custom-gcl.yml" || fail "README: no .custom-gcl.yml with path:"
# The go settings that live under HOME are kept, so that the build is warm.
(cd "$work/custom" && GOCACHE=$(go env GOCACHE) GOMODCACHE=$(go env GOMODCACHE) GOFLAGS=$(go env GOFLAGS) \
  GOTOOLCHAIN=$(go env GOTOOLCHAIN) HOME="$work/home" GIT_CONFIG_GLOBAL="$work/home/.gitconfig" "$work/bin/golangci-lint" custom) ||
  fail "golangci-lint custom did not build"
readme_block 'version: "2"' > readme.yml
grep -q 'swallowcancel' readme.yml || fail "README: no .golangci.yml"
out=$("$work/custom/custom-gcl" run --config readme.yml ./... 2>&1 || true)
grep -q 'subject.go:16:3: returning nil swallows context.Canceled.*(swallowcancel)' <<<"$out" || fail "custom-gcl with the README's .golangci.yml: Poll not reported: $out"
rm readme.yml

echo "== run --fix"
"$work/golangci-lint" run --config default.yml --fix ./... >/dev/null 2>&1 || true
git diff --no-index "$root/testdata/golangci/subject/subject.go" subject.go || true
[ -z "$(gofmt -l .)" ] || fail "--fix left unformatted files: $(gofmt -l .)"
go build ./... || fail "--fix left code that does not build"
go vet ./... || fail "--fix left code that go vet rejects"
out=$(lint default.yml)
! grep -q '(swallowcancel)' <<<"$out" || fail "a second run still reports: $out"
# A finding offered without a fix may stay, if the run before the fix made
# it too (compared by message: the lines move).
unfixed() { grep -o ' [a-z][^:]*(no automatic fix: .*(swallowcancel)' <<<"$1" | sort -u; }
before=$(unfixed "$(lint strict.yml)")
"$work/golangci-lint" run --config strict.yml --fix ./... >/dev/null 2>&1 || true
grep -q 'if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {' subject.go || fail "strict --fix did not move the suppression to the owner"
go build ./... || fail "strict --fix left code that does not build"
out=$(lint strict.yml)
left=$(grep '(swallowcancel)' <<<"$out" | grep -v '(no automatic fix: ' || true)
[ -z "$left" ] || fail "a second strict run still reports: $left"
new=$(comm -13 <(echo "$before") <(unfixed "$out"))
[ -z "$new" ] || fail "a second strict run reports a finding the first did not: $new"
echo "golangci-e2e: ok"
