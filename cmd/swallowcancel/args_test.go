package main

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// TestFlagSetMatches checks the command's copy of the singlechecker's
// flags against the flags the binary lists for go vet (all but the
// driver's own -debug, -cpuprofile, -memprofile, -trace and -fix): a flag
// that x/tools adds or drops must be added to or dropped from the copy,
// or the command would leave every command line with it to the
// singlechecker alone.
func TestFlagSetMatches(t *testing.T) {
	out, err := exec.Command("go", "run", ".", "-flags").Output()
	if err != nil {
		t.Fatalf("go run . -flags: %v", err)
	}
	var listed []struct {
		Name string
		Bool bool
	}
	if err := json.Unmarshal(out, &listed); err != nil {
		t.Fatalf("-flags: %v\n%s", err, out)
	}
	var cl commandLine
	fs, _ := newFlagSet(&cl)
	names := []string{"debug", "cpuprofile", "memprofile", "trace", "fix"}
	for _, f := range listed {
		names = append(names, f.Name)
		mine := fs.Lookup(f.Name)
		if mine == nil {
			t.Errorf("-%s: listed by -flags, missing from newFlagSet", f.Name)
			continue
		}
		b, ok := mine.Value.(interface{ IsBoolFlag() bool })
		if isBool := ok && b.IsBoolFlag(); isBool != f.Bool {
			t.Errorf("-%s: bool %v in newFlagSet, %v in -flags", f.Name, isBool, f.Bool)
		}
	}
	fs.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(names, f.Name) {
			t.Errorf("-%s: in newFlagSet, not a flag of the singlechecker", f.Name)
		}
	})
}

// TestParseCommandLine checks what the command reads from a command line.
func TestParseCommandLine(t *testing.T) {
	cl, ok := parseCommandLine([]string{"-json", "-test=false", "-launchers=a/b.F, (*c/d.T).Go", "-c", "2", "./x", "-fix"})
	if !ok || !cl.json || cl.test || cl.fix || cl.driverOnly ||
		!slices.Equal(cl.launchers, []string{"a/b.F", "(*c/d.T).Go"}) || !slices.Equal(cl.patterns, []string{"./x", "-fix"}) {
		t.Errorf("got %+v, %v", cl, ok)
	}
	if cl, ok := parseCommandLine([]string{"-flags"}); !ok || !cl.driverOnly {
		t.Errorf("-flags: got %+v, %v", cl, ok)
	}
	if _, ok := parseCommandLine([]string{"-bogus", "./x"}); ok {
		t.Errorf("-bogus: parsed")
	}
}

// TestFirstInVetRun checks the mark that makes the processes of one go
// vet run say an error once: once per message in a go vet work directory,
// always elsewhere.
func TestFirstInVetRun(t *testing.T) {
	tmp := t.TempDir()
	cfg := func(work, obj string) string {
		dir := filepath.Join(tmp, work, obj)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return filepath.Join(dir, "vet.cfg")
	}
	a, b := errors.New("a"), errors.New("b")
	for _, tc := range []struct {
		cfg  string
		err  error
		want bool
	}{
		{cfg("go-build123", "b001"), a, true},
		{cfg("go-build123", "b002"), a, false},
		{cfg("go-build123", "b001"), a, false},
		{cfg("go-build123", "b003"), b, true},
		{cfg("go-build456", "b001"), a, true}, // another run
		{cfg("elsewhere", "b001"), a, true},
		{cfg("elsewhere", "b001"), a, true},
		{cfg("go-build789", "pkg"), a, true},
		{cfg("go-build789", "pkg"), a, true},
	} {
		if got := firstInVetRun(tc.cfg, tc.err); got != tc.want {
			t.Errorf("%s, %v: %v, want %v", tc.cfg, tc.err, got, tc.want)
		}
	}
}

// TestDedupeJSON checks that each finding is kept once, under the first
// package that lists it, and an error entry is kept as it is.
func TestDedupeJSON(t *testing.T) {
	in := `{"p [p.test]": {"a": [{"posn": "x.go:1:1", "end": "x.go:1:2", "message": "m"}, {"posn": "x_test.go:1:1", "end": "x_test.go:1:2", "message": "m"}]},
		"p": {"a": [{"posn": "x.go:1:1", "end": "x.go:1:2", "message": "m"}]},
		"q": {"a": {"error": "e"}}}`
	out, ok := dedupeJSON([]byte(in))
	if !ok {
		t.Fatal("not deduplicated")
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatal(err)
	}
	var p, pt []struct{ Posn string }
	var q struct{ Error string }
	json.Unmarshal(tree["p"]["a"], &p)
	json.Unmarshal(tree["p [p.test]"]["a"], &pt)
	json.Unmarshal(tree["q"]["a"], &q)
	if len(p) != 1 || p[0].Posn != "x.go:1:1" || len(pt) != 1 || pt[0].Posn != "x_test.go:1:1" || q.Error != "e" {
		t.Errorf("got\n%s", out)
	}
	if _, ok := dedupeJSON([]byte("not JSON")); ok {
		t.Errorf("not JSON: ok")
	}
}
