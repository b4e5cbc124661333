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

// The testdata packages each test names to analysistest, one list per
// test and the only place they are written: metamorphConfigs runs the same
// lists, and TestWants checks every // want in testdata against them.
// analysistest checks the wants (facts included) and .golden files of the
// packages it is given, not of the packages they import, so a package
// with wants must be in a list even when another one imports it. The
// order is metamorphConfigs' too: it picks the packages a short run
// rewrites by their place in it.
var (
	// recognitionPkgs are run in the default mode with every nil taken as
	// acted on (RecognitionOptions): what the default recognises, by the
	// letter of its rules; defaultPkgs pin where a nil must be seen landing.
	recognitionPkgs = []string{
		"errgroup", "goroutine", "ctxparam", "done", "loop", "owner", "grpc", "helpers", "callback",
		"typeparams", "robust", "tests", "fixes", "helperuse", "boundary", "lineage", "precision",
		"fixshapes", "unawaited", "unawaitedmain",
		"helperlib", "helperwrap", // imported by helperuse; named for their fact expectations
	}
	defaultPkgs          = []string{"consumers", "consumerlib", "consumeruse"}
	strictPkgs           = []string{"strict", "lineagestrict", "unawaitedstrict"}
	noDeadlinePkgs       = []string{"deadline"}
	launchersPkgs        = []string{"launchers"}
	relatedInMessagePkgs = []string{"related"}
	nolintPkgs           = []string{"nolint"}
)

// analysistestRuns are the package lists above by the test that runs each.
// A test that runs analysistest on a list not here leaves the wants of its
// packages unaccounted for, and TestWants fails for them.
var analysistestRuns = map[string][]string{
	"TestRecognition":      recognitionPkgs,
	"TestDefault":          defaultPkgs,
	"TestStrict":           strictPkgs,
	"TestNoDeadline":       noDeadlinePkgs,
	"TestLaunchers":        launchersPkgs,
	"TestRelatedInMessage": relatedInMessagePkgs,
	"TestNolint":           nolintPkgs,
}

func TestRecognition(t *testing.T) {
	run(t, analyzer.New(analyzer.RecognitionOptions(analyzer.Options{Deadline: true})), recognitionPkgs...)
}

func TestDefault(t *testing.T) {
	run(t, analyzer.Analyzer, defaultPkgs...)
}

func TestStrict(t *testing.T) {
	run(t, analyzer.New(analyzer.Options{Deadline: true, Strict: true}), strictPkgs...)
}

func TestNoDeadline(t *testing.T) {
	run(t, analyzer.New(analyzer.RecognitionOptions(analyzer.Options{Deadline: false})), noDeadlinePkgs...)
}

func TestLaunchers(t *testing.T) {
	run(t, analyzer.New(analyzer.RecognitionOptions(analyzer.Options{Deadline: true, Launchers: []string{
		"(*launchers/runner.Runner).Spawn",
		"launchers/runner.Start",
	}})), launchersPkgs...)
}

func TestRelatedInMessage(t *testing.T) {
	run(t, analyzer.New(analyzer.RecognitionOptions(analyzer.Options{Deadline: true, RelatedInMessage: true})), relatedInMessagePkgs...)
}

func TestNolint(t *testing.T) {
	run(t, analyzer.New(analyzer.RecognitionOptions(analyzer.Options{Deadline: true, Nolint: true})), nolintPkgs...)
}
