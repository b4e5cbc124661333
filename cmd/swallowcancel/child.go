package main

// This file runs the singlechecker in a child process for -json and -fix,
// and finishes what it leaves: the singlechecker exits as soon as it has
// printed the JSON or applied the fixes, so nothing in its own process can
// follow it.
//
//   - With -json it lists a package with tests twice, as "pkg" and
//     "pkg [pkg.test]", and every finding in the package's non-test files
//     under both: each finding is kept once, under the first package that
//     lists it ("pkg"; the test variant keeps those in test files).
//   - With -fix it prints nothing about findings it has no fix for: the
//     child records them, and this process prints them, says how many
//     remain, and exits 3 if any do (a run that leaves findings reports
//     them), unless the child failed.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

const (
	childEnv   = "SWALLOWCANCEL_CHILD"   // set in the child's environment
	unfixedEnv = "SWALLOWCANCEL_UNFIXED" // with -fix, the file the child records unfixed findings in
)

// isChild reports whether this process is the child of runChild.
func isChild() bool { return os.Getenv(childEnv) != "" }

// runChild runs the singlechecker as a child with this process's
// arguments, and returns the exit code, or false if it could not start.
func runChild(cl commandLine) (int, bool) {
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var stdout bytes.Buffer
	var unfixed string
	switch {
	case cl.fix:
		f, err := os.CreateTemp("", "swallowcancel-unfixed")
		if err != nil {
			return 0, false
		}
		f.Close()
		unfixed = f.Name()
		defer os.Remove(unfixed)
		cmd.Env = append(cmd.Env, unfixedEnv+"="+unfixed)
	case cl.json:
		cmd.Stdout = &stdout
	}
	code := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return 0, false
		}
		code = max(exit.ExitCode(), 1) // -1 if a signal ended it
	}
	switch {
	case cl.fix:
		if n := reportUnfixed(unfixed, cl); n > 0 && code == 0 {
			code = 3
		}
	case cl.json:
		out, ok := dedupeJSON(stdout.Bytes())
		if !ok {
			out = stdout.Bytes() // not the JSON expected: as it came
		}
		os.Stdout.Write(out)
	}
	return code, true
}

// unfixedFinding is a finding reported without a fix, as the child
// records it.
type unfixedFinding struct {
	Pkg     string // the package path of the pass
	File    string
	Line    int
	Col     int
	Message string
}

// recordUnfixed makes the analyzer record, in the file named by
// unfixedEnv, each finding it reports without a fix. The child records
// every package's; the parent keeps those of the packages named.
func recordUnfixed() {
	name := os.Getenv(unfixedEnv)
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return
	}
	var mu sync.Mutex
	enc := json.NewEncoder(f)
	a := analyzer.Analyzer
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if len(d.SuggestedFixes) == 0 {
				p := pass.Fset.Position(d.Pos)
				mu.Lock()
				enc.Encode(unfixedFinding{pass.Pkg.Path(), p.Filename, p.Line, p.Column, d.Message})
				mu.Unlock()
			}
			report(d)
		}
		return run(pass)
	}
}

// reportUnfixed prints the findings recorded in file that are in the
// packages the command line names, each once, and a line that counts
// them; it returns how many there are.
func reportUnfixed(file string, cl commandLine) int {
	data, err := os.ReadFile(file)
	if err != nil || len(data) == 0 {
		return 0
	}
	named, err := packages.Load(&packages.Config{Mode: packages.NeedName, Tests: cl.test}, cl.patterns...)
	if err != nil {
		return 0
	}
	isNamed := make(map[string]bool)
	for _, p := range named {
		isNamed[p.PkgPath] = true
	}
	var found []unfixedFinding
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var u unfixedFinding
		if dec.Decode(&u) != nil {
			break
		}
		if isNamed[u.Pkg] {
			u.Pkg = "" // the same finding from the package and its test variant
			found = append(found, u)
		}
	}
	sort.Slice(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Message < b.Message
	})
	found = slices.Compact(found)
	for _, u := range found {
		fmt.Fprintf(os.Stderr, "%s:%d:%d: %s\n", u.File, u.Line, u.Col, u.Message)
	}
	switch n := len(found); n {
	case 0:
	case 1:
		fmt.Fprintf(os.Stderr, "swallowcancel: -fix left 1 finding, which has no automatic fix; its message says why\n")
	default:
		fmt.Fprintf(os.Stderr, "swallowcancel: -fix left %d findings, which have no automatic fix; each message says why\n", n)
	}
	return len(found)
}

// dedupeJSON keeps each finding of the singlechecker's -json output once:
// under the first package, in the order of their IDs, that lists it.
func dedupeJSON(data []byte) ([]byte, bool) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, false
	}
	ids := make([]string, 0, len(tree))
	for id := range tree {
		ids = append(ids, id)
	}
	sort.Strings(ids) // "pkg" before "pkg [pkg.test]"
	type key struct{ analyzer, posn, end, message string }
	seen := make(map[key]bool)
	out := make(map[string]map[string]json.RawMessage)
	for _, id := range ids {
		for name, raw := range tree[id] {
			var diags []json.RawMessage
			if err := json.Unmarshal(raw, &diags); err != nil {
				keep(out, id, name, raw) // {"error": …}
				continue
			}
			var kept []json.RawMessage
			for _, d := range diags {
				var k struct{ Posn, End, Message string }
				if err := json.Unmarshal(d, &k); err != nil {
					return nil, false
				}
				if key := (key{name, k.Posn, k.End, k.Message}); !seen[key] {
					seen[key] = true
					kept = append(kept, d)
				}
			}
			if len(kept) > 0 {
				raw, err := json.Marshal(kept)
				if err != nil {
					return nil, false
				}
				keep(out, id, name, raw)
			}
		}
	}
	// As the singlechecker prints it.
	res, err := json.MarshalIndent(out, "", "\t")
	if err != nil {
		return nil, false
	}
	return append(res, '\n'), true
}

func keep(tree map[string]map[string]json.RawMessage, id, name string, v json.RawMessage) {
	if tree[id] == nil {
		tree[id] = make(map[string]json.RawMessage)
	}
	tree[id][name] = v
}
