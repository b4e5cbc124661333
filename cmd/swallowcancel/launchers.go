package main

// This file checks the -launchers names against the packages of the run
// before the singlechecker analyses anything.

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

// checkLaunchersLoaded checks each -launchers name against the packages
// the run loads, before anything is analysed, and exits 1 at the first
// name that its package contradicts.
//
// Each pass checks the names too, but a pass that fails fails every
// package that imports its package ("failed prerequisites" for each):
// checked here, a misnamed (*sync.WaitGroup).Goo is one line.
//
// A name whose package the run does not load is a warning, not an error:
// go vet's own lists of names (-printf.funcs) accept names that nothing
// declares, and a project's one launcher list serves runs over different
// subsets of its packages, so such a name is often right. But a misspelt
// package path would otherwise match nothing in silence, so the run says
// so once, before its findings, and exits as it would have.
func checkLaunchersLoaded(cl commandLine) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps, Tests: cl.test}
	roots, err := packages.Load(cfg, cl.patterns...)
	if err != nil {
		return // the singlechecker reports it
	}
	loaded := make(map[string]bool)
	packages.Visit(roots, nil, func(p *packages.Package) { loaded[p.PkgPath] = true })
	var paths []string
	for _, l := range cl.launchers {
		path := analyzer.LauncherPackage(l)
		if path == "" {
			continue // malformed: checkFlagValues has exited already
		}
		if !loaded[path] {
			fmt.Fprintf(os.Stderr, "swallowcancel: warning: -launchers: %s: no package of this run is or imports %s, so it matches nothing\n", l, path)
			continue
		}
		paths = append(paths, path)
	}
	if len(paths) == 0 {
		return
	}
	declaring, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes}, paths...)
	if err != nil {
		return
	}
	byPath := make(map[string]*packages.Package)
	for _, p := range declaring {
		if len(p.Errors) == 0 && p.Types != nil {
			byPath[p.PkgPath] = p // one that fails to load is the singlechecker's to report
		}
	}
	for _, l := range cl.launchers {
		if p := byPath[analyzer.LauncherPackage(l)]; p != nil {
			if err := analyzer.CheckLauncher(l, p.Types); err != nil {
				fmt.Fprintf(os.Stderr, "swallowcancel: %v\n", err)
				os.Exit(1)
			}
		}
	}
}
