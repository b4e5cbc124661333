// The noopfacts command is the performance floor of an inspect-based
// analyzer that declares a fact type: the driver then analyses every
// dependency from source, as it does for swallowcancel. It exports no fact.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/singlechecker"
)

type fact struct{}

func (*fact) AFact()         {}
func (*fact) String() string { return "fact" }

var analyzer = &analysis.Analyzer{
	Name:      "noopfacts",
	Doc:       "noopfacts: do nothing but declare a fact type, as a performance floor",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	FactTypes: []analysis.Fact{new(fact)},
}

func main() { singlechecker.Main(analyzer) }
