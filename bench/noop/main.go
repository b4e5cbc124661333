// The noop command is the performance floor of an inspect-based analyzer
// without facts: it builds the inspector and does nothing else. The
// benchmark in bench/run.sh compares swallowcancel against it.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/singlechecker"
)

var analyzer = &analysis.Analyzer{
	Name:     "noop",
	Doc:      "noop: do nothing, as a performance floor",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
