package analyzer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

// testdata is the repository's top-level testdata directory.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// run checks the diagnostics (// want) and the fixed files (.golden) of
// the packages, and that every diagnostic offers exactly one fix: drivers
// apply only the first, and golangci-lint none of a file's when there are
// alternatives. The one exception is a boundary directive without a
// reason: only its author can write one.
func run(t *testing.T, a *analysis.Analyzer, pkgs ...string) {
	t.Helper()
	for _, r := range analysistest.RunWithSuggestedFixes(t, testdata(t), a, pkgs...) {
		for _, d := range r.Diagnostics {
			want := 1
			if d.Message == "boundary directive needs a reason" || strings.Contains(d.Message, "(no automatic fix: ") {
				want = 0 // only its author can write a reason; a fix that cannot be made right is not offered
			}
			if len(d.SuggestedFixes) != want {
				t.Errorf("%s: %d suggested fixes, want %d: %s", r.Pass.Fset.Position(d.Pos), len(d.SuggestedFixes), want, d.Message)
			}
			if d.Category == "" || d.URL == "" {
				t.Errorf("%s: category %q, URL %q: want both", r.Pass.Fset.Position(d.Pos), d.Category, d.URL)
			}
		}
	}
}

func TestDefault(t *testing.T) {
	run(t, analyzer.Analyzer,
		"errgroup",
		"goroutine",
		"ctxparam",
		"done",
		"loop",
		"owner",
		"grpc",
		"helpers",
		"callback",
		"typeparams",
		"robust",
		"tests",
		"fixes",
		"helperuse",
		"helperlib",  // its fact expectations: analysistest checks only the packages it names
		"helperwrap", // likewise
		"boundary",
		"lineage",
		"precision",
		"fixshapes",
		"unawaited",
		"unawaitedmain",
	)
}

func TestStrict(t *testing.T) {
	run(t, analyzer.New(analyzer.Options{Deadline: true, Strict: true}), "strict", "lineagestrict", "unawaitedstrict")
}

func TestNoDeadline(t *testing.T) {
	run(t, analyzer.New(analyzer.Options{Deadline: false}), "deadline")
}

func TestLaunchers(t *testing.T) {
	run(t, analyzer.New(analyzer.Options{Deadline: true, Launchers: []string{
		"(*launchers/runner.Runner).Spawn",
		"launchers/runner.Start",
	}}), "launchers")
}

func TestRelatedInMessage(t *testing.T) {
	run(t, analyzer.New(analyzer.Options{Deadline: true, RelatedInMessage: true}), "related")
}

func TestNolint(t *testing.T) {
	run(t, analyzer.New(analyzer.Options{Deadline: true, Nolint: true}), "nolint")
}
