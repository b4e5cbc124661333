package main

// This file is what the tool does under go vet (and go fix) when a flag is
// wrong or a pass fails.
//
// What vet's protocol allows. go vet asks the tool for its flags with
// "swallowcancel -flags" alone, before and without the user's flags, so
// the tool cannot refuse a value then (and a failure of that query is the
// only tool failure go vet turns into its exit code 2; a bool flag's value
// vet checks itself, and exits 2). The values reach the tool with each
// package: go vet runs it once per package, in a process of its own, for
// the packages named on the command line and every package they import,
// std included (those for facts only). A tool that fails a package is
// reported under that package's name ("# pkg" and the tool's output), and
// go vet then exits 1 whatever the tool's exit code was. So under go vet a
// malformed flag exits 1, never 2; and nothing in the protocol tells one
// process of the tool whether another has said the same already.
//
// A pass that returns an error fails a package without failing the
// process: go vet (go1.26) runs the tool with -json, reads the error from
// its output and prints it, but caches the package's result as a success,
// so the next run with the same flags says nothing and exits 0.
//
// What the tool does.
//   - A package vetted only for its facts (VetxOnly in its .cfg: every
//     imported package, std included) exits 0 on a malformed flag, having
//     written no facts: go vet prints nothing for it and, with no facts
//     file, caches nothing.
//   - A package named on the command line prints the error and exits 2
//     (go vet shows "# pkg" and the line, and exits 1).
//   - A pass error in a package named on the command line ends the
//     process at once with the error and exit 1, before the facts file
//     is written: nothing is cached, and the next run says it again.
//   - To say an error about a flag once rather than once per named
//     package, the processes of one go vet run share a mark in the run's
//     work directory, where go vet writes each package's .cfg
//     ($WORK/bNNN/vet.cfg): the first process to create the mark prints
//     the error, the others exit 0 without facts (not cached either).
//     If the .cfg is not where go vet puts it, every named package prints
//     the error.

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

// vetConfig returns the .cfg file that go vet hands the tool, or "".
func vetConfig(args []string) string {
	if len(args) > 1 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return args[len(args)-1]
	}
	return ""
}

// vetxOnly reports whether go vet runs the tool on cfg's package only for
// its facts, as an import of the packages named.
func vetxOnly(cfg string) bool {
	var unit struct{ VetxOnly bool }
	if data, err := os.ReadFile(cfg); err == nil {
		json.Unmarshal(data, &unit) // unreadable: a package named, then
	}
	return unit.VetxOnly
}

// flagErrorUnderVet reports err, a malformed flag value, for the package
// of cfg, once per go vet run, and exits.
func flagErrorUnderVet(cfg string, err error) {
	if vetxOnly(cfg) || !firstInVetRun(cfg, err) {
		os.Exit(0) // no facts written: go vet neither prints nor caches anything
	}
	fmt.Fprintf(os.Stderr, "swallowcancel: %v\n", err)
	os.Exit(2)
}

// failPassesUncached makes a pass error in a package named on go vet's
// command line end the process with exit 1 before anything is cached; an
// error about -launchers, the same in every package that imports the
// launcher's package, is printed once per go vet run.
func failPassesUncached(cfg string) {
	if vetxOnly(cfg) {
		return // vet ignores a failure there, and so may the tool
	}
	a := analyzer.Analyzer
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		res, err := run(pass)
		if err != nil {
			if errors.Is(err, analyzer.ErrLaunchers) && !firstInVetRun(cfg, err) {
				os.Exit(0)
			}
			fmt.Fprintf(os.Stderr, "swallowcancel: %v\n", err)
			os.Exit(1)
		}
		return res, err
	}
}

// objdir matches the name of the directory go vet gives each package.
var objdir = regexp.MustCompile(`^b[0-9]+$`)

// firstInVetRun reports whether this is the first process of the go vet
// run that cfg belongs to to ask about err: true once per run, or always
// when cfg is not in a go vet work directory.
func firstInVetRun(cfg string, err error) bool {
	dir := filepath.Dir(cfg)
	work := filepath.Dir(dir)
	if filepath.Base(cfg) != "vet.cfg" || !objdir.MatchString(filepath.Base(dir)) ||
		!strings.HasPrefix(filepath.Base(work), "go-build") || filepath.Base(work) == "go-build" {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(err.Error()))
	f, createErr := os.OpenFile(filepath.Join(work, fmt.Sprintf("swallowcancel-said-%x", h.Sum64())), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if createErr != nil {
		return !errors.Is(createErr, fs.ErrExist)
	}
	f.Close()
	return true
}
