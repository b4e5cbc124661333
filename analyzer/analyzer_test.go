package analyzer_test

import (
	"path/filepath"
	"testing"

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

func TestDefault(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer,
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
	)
}

func TestStrict(t *testing.T) {
	a := analyzer.New(analyzer.Options{Deadline: true, Strict: true})
	analysistest.Run(t, testdata(t), a, "strict")
}

func TestNoDeadline(t *testing.T) {
	a := analyzer.New(analyzer.Options{Deadline: false})
	analysistest.Run(t, testdata(t), a, "deadline")
}

func TestLaunchers(t *testing.T) {
	a := analyzer.New(analyzer.Options{Deadline: true, Launchers: []string{
		"(*launchers/runner.Runner).Spawn",
		"launchers/runner.Start",
	}})
	analysistest.Run(t, testdata(t), a, "launchers")
}
