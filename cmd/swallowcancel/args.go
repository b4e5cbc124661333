package main

// This file reads the command line the way the singlechecker will, so that
// the command can act on it first, and turns the singlechecker's answer to
// a flag it cannot parse into one line.

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

// commandLine is what the singlechecker will make of the arguments.
type commandLine struct {
	launchers  []string
	test       bool // -test: test variants are loaded too
	json       bool
	fix        bool
	driverOnly bool // -flags or -V: the singlechecker answers and exits
	patterns   []string
}

// newFlagSet returns a flag set with the singlechecker's flags: the
// analyzer's, those of go/analysis/internal/checker.RegisterFlags, and
// those of go/analysis/internal/analysisflags.Parse. TestFlagSetMatches
// checks it against what the binary says with -flags.
func newFlagSet(cl *commandLine) (*flag.FlagSet, *flag.FlagSet) {
	fs := flag.NewFlagSet("swallowcancel", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	scratch := analyzer.New(analyzer.Options{})
	scratch.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	for _, name := range []string{"debug", "cpuprofile", "memprofile", "trace", "tags"} {
		fs.String(name, "", "")
	}
	fs.BoolVar(&cl.test, "test", true, "")
	fs.BoolVar(&cl.json, "json", false, "")
	fs.BoolVar(&cl.fix, "fix", false, "")
	fs.Bool("diff", false, "")
	for _, name := range []string{"source", "v", "all"} {
		fs.Bool(name, false, "")
	}
	fs.Int("c", -1, "")
	fs.Var(driverFlag{cl}, "flags", "")
	fs.Var(driverFlag{cl}, "V", "")
	return fs, &scratch.Flags
}

// parseCommandLine parses args as the singlechecker will. It returns false
// if it cannot: the singlechecker then says why.
func parseCommandLine(args []string) (commandLine, bool) {
	var cl commandLine
	fs, own := newFlagSet(&cl)
	if err := fs.Parse(args); err != nil {
		return cl, false
	}
	cl.patterns = fs.Args()
	if s := own.Lookup("launchers").Value.String(); s != "" {
		cl.launchers = strings.Split(s, ",")
	}
	return cl, true
}

// driverFlag is -flags or -V: set, the singlechecker answers for go vet
// and exits.
type driverFlag struct{ cl *commandLine }

func (driverFlag) IsBoolFlag() bool { return true }
func (driverFlag) String() string   { return "" }
func (f driverFlag) Set(s string) error {
	f.cl.driverOnly = s != "false"
	return nil
}

// oneLineFlagErrors makes the flag package's complaint about a flag the
// singlechecker does not define, or a value it cannot parse, one line with
// a hint instead of the 148 lines of the usage; the exit code stays the
// flag package's 2. -help still prints the usage.
func oneLineFlagErrors() {
	out := &flagOutput{}
	flag.CommandLine.SetOutput(out)
	flag.CommandLine.Usage = func() {
		// The flag package writes its complaint, then calls this; for
		// -help it calls this with nothing written.
		if msg := strings.TrimSpace(out.held.String()); msg != "" {
			fmt.Fprintf(os.Stderr, "swallowcancel: %s (run 'swallowcancel -help' for usage)\n", msg)
			return
		}
		out.through = true
		if f := flag.Lookup("tags"); f != nil {
			// The singlechecker calls it deprecated; this command hands it
			// to the package loader (buildTagsToGOFLAGS).
			f.Usage = "comma-separated build tags, as for go build"
		}
		flag.Usage() // the singlechecker's
	}
}

// flagOutput holds what the flag package writes until the usage decides.
type flagOutput struct {
	held    bytes.Buffer
	through bool
}

func (w *flagOutput) Write(p []byte) (int, error) {
	if w.through {
		return os.Stderr.Write(p)
	}
	return w.held.Write(p)
}
