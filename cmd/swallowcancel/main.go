// The swallowcancel command reports Go tasks that swallow their context's
// cancellation. Run it directly, or through go vet:
//
//	swallowcancel ./...
//	go vet -vettool=$(which swallowcancel) ./...
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
