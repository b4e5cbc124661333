// The build module makes a golangci-lint v2 binary with the swallowcancel
// plugin, from the module proxy alone; scripts/golangci-e2e.sh builds it.
// It is a module of its own, under testdata, so that golangci-lint's
// dependencies stay out of swallowcancel's go.mod.
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"

	_ "github.com/swallowcancel/swallowcancel/plugin"
)

func main() {
	info := commands.BuildInfo{Version: "2.15.0-swallowcancel", Commit: "swallowcancel e2e", Date: "(unknown)"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(1)
	}
}
