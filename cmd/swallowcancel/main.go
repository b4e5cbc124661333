// The swallowcancel command reports Go tasks that swallow their context's
// cancellation. Run it directly, or through go vet:
//
//	swallowcancel ./...
//	go vet -vettool=$(which swallowcancel) ./...
//
// swallowcancel help (or -help) prints the analyzer's documentation.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

func main() {
	// The singlechecker knows -help only; go vet's analyzers answer to
	// "help" too, and no package is named that.
	if len(os.Args) == 2 && os.Args[1] == "help" {
		os.Args[1] = "-help"
	}
	singlechecker.Main(analyzer.Analyzer)
}
