package main_test

// These tests build the command and run it the way users do, on copies of
// the modules under testdata/e2e.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// command is the swallowcancel binary the tests run, built once by TestMain.
var command string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "swallowcancel-e2e")
	if err != nil {
		panic(err)
	}
	command = filepath.Join(dir, "swallowcancel")
	if out, err := exec.Command("go", "build", "-o", command, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildCommand returns the built command.
func buildCommand(t *testing.T) string {
	t.Helper()
	return command
}

// copyModule copies testdata/e2e/<name> into a temporary directory.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "e2e", name)
	dst := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// run runs a command in dir and returns its combined output and exit code.
func run(t *testing.T, dir string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	}
	t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	return "", -1
}

// mustRun runs a command that must succeed.
func mustRun(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	out, code := run(t, dir, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// TestFixKeepsOwnersBehaviour applies every fix to a module whose tests pin
// what its owners return when they cancel their tasks and when a task
// fails: the tests pass before and after, and the fixed module is
// formatted, builds, vets clean and draws no more findings in either mode.
// The fixes are applied with -strict, which reports each of these owners'
// tasks (by default only a nil some consumer acts on is), by the command
// and, separately, by go vet -fix.
func TestFixKeepsOwnersBehaviour(t *testing.T) {
	bin := buildCommand(t)
	for _, driver := range []struct {
		name string
		fix  []string // the command line that applies the fixes
	}{
		{"command", []string{bin, "-strict", "-fix", "./..."}},
		{"go vet", []string{"go", "vet", "-vettool=" + bin, "-strict", "-fix", "./..."}},
	} {
		t.Run(driver.name, func(t *testing.T) {
			dir := copyModule(t, "fixmod")
			mustRun(t, dir, "go", "test", "-count=1", "./...")
			if out, code := run(t, dir, "go", "test", "-count=1", "-tags=fixed", "./..."); code == 0 {
				t.Fatalf("before -fix, the tests of what the fixes add pass already:\n%s", out)
			}
			out, code := run(t, dir, bin, "-strict", "./...")
			if code != 3 || strings.Count(out, "cancellation tested here") != 8 || strings.Count(out, "leaves the tasks started on") != 1 {
				t.Fatalf("before -fix: exit %d, want 3 with 8 swallows and 1 leak:\n%s", code, out)
			}

			if out, code := run(t, dir, driver.fix[0], driver.fix[1:]...); code != 0 && code != 1 {
				t.Fatalf("%s: exit %d\n%s", strings.Join(driver.fix, " "), code, out)
			}

			if out := mustRun(t, dir, "gofmt", "-l", "."); out != "" {
				t.Errorf("gofmt -l after -fix:\n%s", out)
			}
			mustRun(t, dir, "go", "build", "./...")
			mustRun(t, dir, "go", "vet", "./...")
			for _, mode := range []string{"-strict=false", "-strict"} {
				if out, code := run(t, dir, bin, mode, "./..."); code != 0 {
					t.Errorf("second run (%s): exit %d, want 0:\n%s", mode, code, out)
				}
			}
			mustRun(t, dir, "go", "test", "-count=1", "./...")
			mustRun(t, dir, "go", "test", "-count=1", "-tags=fixed", "./...")
		})
	}
}

// findings returns the diagnostic lines of a run's output, with paths made
// relative to dir, in order.
func findings(out, dir string) []string {
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimPrefix(line, dir+string(filepath.Separator))
		if strings.HasPrefix(line, "tasks/") || strings.HasPrefix(line, "helpers/") || strings.HasPrefix(line, "clean/") || strings.HasPrefix(line, "jobs/") {
			lines = append(lines, line)
		}
	}
	return lines
}

// TestVetMatchesCommand runs the command as go vet's tool: the findings,
// which need the facts of another package, equal the command's own, and
// the analyzer's flags pass through vet.
func TestVetMatchesCommand(t *testing.T) {
	bin := buildCommand(t)
	dir := copyModule(t, "vetmod")
	for _, strict := range []bool{false, true} {
		args := []string{"./tasks", "./helpers", "./jobs"}
		if strict {
			args = append([]string{"-strict"}, args...)
		}
		cmdOut, cmdCode := run(t, dir, bin, args...)
		vetOut, vetCode := run(t, dir, "go", append([]string{"vet", "-vettool=" + bin}, args...)...)
		want := findings(cmdOut, dir)
		got := findings(vetOut, dir)
		if cmdCode != 3 || vetCode != 1 {
			t.Errorf("strict=%v: command exit %d (want 3), vet exit %d (want 1)", strict, cmdCode, vetCode)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("strict=%v: go vet reported\n%s\nthe command reported\n%s", strict, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !strings.Contains(strings.Join(got, "\n"), "leaves the tasks started on wg running") {
			t.Errorf("strict=%v: go vet did not report the leak:\n%s", strict, vetOut)
		}
		// By default, Poll where its nil lands in its own package, Quiet and
		// Wait at their calls in package jobs, through facts; -strict adds
		// each swallow at its site (the suppressor's has no test to point at).
		wantTested := 1
		if strict {
			wantTested = 3
		}
		if n := strings.Count(strings.Join(got, "\n"), "tested here"); n != wantTested {
			t.Errorf("strict=%v: %d findings with a test, want %d:\n%s", strict, n, wantTested, vetOut)
		}
		if n := strings.Count(strings.Join(got, "\n"), "and this caller goes on as if it had finished"); n != 2 {
			t.Errorf("strict=%v: %d findings at a consuming call in another package, want 2:\n%s", strict, n, vetOut)
		}
	}
}

// stackTrace matches the header of a goroutine's stack in a crash report.
var stackTrace = regexp.MustCompile(`goroutine \d+ \[`)

// TestExitCodes checks the documented exit codes: 0 when the code is
// clean, 3 when it reports, 1 when a package does not type-check, 0 with
// -json whatever it found, 0 for help (the documentation), 2 for a
// malformed or unknown flag, and 1 for a launcher that its package does
// not declare; a bad flag is named on the first line of the output, and
// is the only line. A launcher whose package the run does not load draws
// a warning and leaves the exit code alone.
func TestExitCodes(t *testing.T) {
	bin := buildCommand(t)
	dir := copyModule(t, "vetmod")
	for _, tc := range []struct {
		args  []string
		code  int
		first string // what the first line of the output says, if anything
		lines int    // how many lines the output has, if not 0
	}{
		{[]string{"help"}, 0, "swallowcancel: report tasks that swallow their context's cancellation", 0},
		{[]string{"version"}, 0, "swallowcancel ", 1},
		{[]string{"-V=full"}, 0, " version ", 1},
		{[]string{"./clean"}, 0, "", 0},
		{[]string{"./tasks"}, 3, "", 0},
		{[]string{"./broken"}, 1, "", 0},
		{[]string{"./tagged"}, 0, "", 0},
		{[]string{"-tags=extra", "./tagged"}, 3, "", 0}, // the loader sees the tagged file
		{[]string{"-tags", "extra", "./tagged"}, 3, "", 0},
		{[]string{"-json", "./tasks"}, 0, "", 0},
		{[]string{"-bogus", "./tasks"}, 2, "flag provided but not defined: -bogus (run 'swallowcancel -help' for usage)", 1},
		{[]string{"-c=many", "./tasks"}, 2, `invalid value "many" for flag -c`, 1},
		{[]string{"-launchers=not a name", "./tasks"}, 2, `invalid launcher "not a name"`, 1},
		{[]string{"-launchers=(*example.com/vetmod/helpers.Pool).Go", "./tasks"}, 1, "example.com/vetmod/helpers declares no type Pool", 1},
		{[]string{"-launchers=example.com/vetmod/helpers.Ignore", "./tasks"}, 1, "example.com/vetmod/helpers.Ignore: it takes no function argument", 1},
		{[]string{"-launchers=(sync.WaitGroup).Go", "./clean"}, 1, "the method is (*sync.WaitGroup).Go", 1},
		// The error of the package that declares it, without a "failed
		// prerequisites" line for each package that imports sync.
		{[]string{"-launchers=(*sync.WaitGroup).Goo", "./tasks", "./clean"}, 1, "-launchers: (*sync.WaitGroup).Goo: WaitGroup has no method Goo", 1},
		{[]string{"-json", "-launchers=(*sync.WaitGroup).Goo", "./clean"}, 1, "WaitGroup has no method Goo", 1},
		{[]string{"-fix", "-launchers=(*sync.WaitGroup).Goo", "./clean"}, 1, "WaitGroup has no method Goo", 1},
		// Not loaded: a warning, then the run as it would have been.
		{[]string{"-launchers=example.com/vetmod/nothere.Go", "./tasks"}, 3, "warning: -launchers: example.com/vetmod/nothere.Go: no package of this run is or imports example.com/vetmod/nothere", 0},
		{[]string{"-launchers=example.com/vetmod/helpers.Ignore", "./clean"}, 0, "warning: -launchers: example.com/vetmod/helpers.Ignore: no package of this run is or imports example.com/vetmod/helpers", 1},
		{[]string{"-launchers=example.com/vetmod/helpers.Ignore", "-test=false", "./clean"}, 0, "warning: ", 1},
	} {
		out, code := run(t, dir, bin, tc.args...)
		if code != tc.code {
			t.Errorf("swallowcancel %s: exit %d, want %d\n%s", strings.Join(tc.args, " "), code, tc.code, out)
		}
		if strings.Contains(out, "panic:") || stackTrace.MatchString(out) {
			t.Errorf("swallowcancel %s: a stack trace:\n%s", strings.Join(tc.args, " "), out)
		}
		if tc.first != "" && !strings.Contains(strings.SplitN(out, "\n", 2)[0], tc.first) {
			t.Errorf("swallowcancel %s: the first line does not say %q:\n%s", strings.Join(tc.args, " "), tc.first, out)
		}
		if n := strings.Count(strings.TrimSuffix(out, "\n"), "\n") + 1; tc.lines != 0 && n != tc.lines {
			t.Errorf("swallowcancel %s: %d lines, want %d:\n%s", strings.Join(tc.args, " "), n, tc.lines, out)
		}
	}
}

// TestExitCodesUnderVet checks what go vet makes of the tool's messages
// and exits. vet's exit codes are its own: 1 when the tool fails or
// reports anything, 2 when vet rejects a flag itself (it knows the tool's
// flags and which are booleans, from "swallowcancel -flags"). A malformed
// -launchers reaches the tool only with each package, std included; it is
// said once, under the first package named on the command line that the
// tool runs for, and exits 1 as every tool failure under vet does (see
// vet.go for what the protocol allows). A launcher whose package nothing
// loads is accepted in silence: no process of the tool sees the whole run.
func TestExitCodesUnderVet(t *testing.T) {
	bin := buildCommand(t)
	dir := copyModule(t, "vetmod")
	for _, tc := range []struct {
		args  []string
		code  int
		want  string // a line the output has, if any
		lines int    // how many lines the output has, if not -1
	}{
		{[]string{"./clean"}, 0, "", 0},
		{[]string{"./tasks"}, 1, "returning nil swallows context.Canceled", -1},
		{[]string{"-bogus", "./clean"}, 2, "flag provided but not defined: -bogus", -1},
		{[]string{"-strict=maybe", "./clean"}, 2, `invalid boolean value "maybe" for -strict`, -1},
		// "# <package>" and the error; std's packages say nothing.
		{[]string{"-launchers=bad", "./..."}, 1, `swallowcancel: invalid value "bad" for -launchers: invalid launcher "bad"`, 2},
		{[]string{"-launchers=bad", "./clean"}, 1, `swallowcancel: invalid value "bad" for -launchers: invalid launcher "bad"`, 2},
		// A pass error: once, and again in the second run (go vet caches
		// a package whose pass failed as a success unless the tool fails).
		{[]string{"-launchers=(*sync.WaitGroup).Goo", "./tasks", "./clean"}, 1, "swallowcancel: -launchers: (*sync.WaitGroup).Goo: WaitGroup has no method Goo", 2},
		{[]string{"-launchers=example.com/vetmod/nothere.Go", "./clean"}, 0, "", 0},
	} {
		vetTwice(t, dir, bin, tc.args, tc.code, tc.want, tc.lines)
	}

	// Two packages that import sync: the error about the launcher in sync
	// is said once.
	dir = writeModule(t, map[string]string{
		"go.mod":      "module example.com/twosync\n\ngo 1.26.0\n",
		"a/a.go":      "package a\n\nimport \"sync\"\n\nvar WG sync.WaitGroup\n",
		"b/b.go":      "package b\n\nimport \"sync\"\n\nvar WG sync.WaitGroup\n",
		"c/c.go":      "package c\n\nimport \"sync\"\n\nvar WG sync.WaitGroup\n",
		"c/c_test.go": "package c\n\nimport \"testing\"\n\nfunc TestC(t *testing.T) {}\n",
	})
	vetTwice(t, dir, bin, []string{"-launchers=(*sync.WaitGroup).Goo", "./..."}, 1, "swallowcancel: -launchers: (*sync.WaitGroup).Goo: WaitGroup has no method Goo", 2)
	vetTwice(t, dir, bin, []string{"-launchers=bad", "./..."}, 1, `swallowcancel: invalid value "bad" for -launchers`, 2)
}

// vetTwice runs go vet with the tool and args twice, the second time to
// see that vet's cache kept nothing of the first, and checks the exit
// code, a text the output has (if want is not empty), and the number of
// lines (if lines is not -1).
func vetTwice(t *testing.T, dir, bin string, args []string, code int, want string, lines int) {
	t.Helper()
	args = append([]string{"vet", "-vettool=" + bin}, args...)
	for range 2 {
		out, got := run(t, dir, "go", args...)
		if got != code {
			t.Errorf("go %s: exit %d, want %d\n%s", strings.Join(args, " "), got, code, out)
		}
		if want != "" && !strings.Contains(out, want) {
			t.Errorf("go %s: the output does not say %q:\n%s", strings.Join(args, " "), want, out)
		}
		n := strings.Count(out, "\n")
		if lines >= 0 && n != lines {
			t.Errorf("go %s: %d lines, want %d:\n%s", strings.Join(args, " "), n, lines, out)
		}
	}
}

// writeModule writes a module of the given files into a temporary
// directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// swallowing is a package whose Poll swallows the cancellation, with a
// test file, and a generated file (findings there have no fix) when gen.
func swallowing(gen bool) map[string]string {
	const body = "import (\n\t\"context\"\n\t\"errors\"\n)\n\n" +
		"func %[1]s(ctx context.Context) error {\n\terr := work(ctx)\n\tif errors.Is(err, context.Canceled) {\n\t\treturn nil\n\t}\n\treturn err\n}\n"
	files := map[string]string{
		"go.mod": "module example.com/swallowing\n\ngo 1.26.0\n",
		"p.go": "package swallowing\n\n" + fmt.Sprintf(body, "Poll") + "\nfunc work(ctx context.Context) error { return ctx.Err() }\n" +
			"\nvar done int\n\n// Count takes each nil for finished work: where the false successes land.\n" +
			"func Count(ctx context.Context) {\n\tif err := Poll(ctx); err == nil {\n\t\tdone++\n\t}\n}\n",
		"p_test.go": "package swallowing\n\nimport \"testing\"\n\nfunc TestPoll(t *testing.T) {}\n",
	}
	if gen {
		files["gen.go"] = "// Code generated by hand. DO NOT EDIT.\n\npackage swallowing\n\n" + fmt.Sprintf(body, "Gen") +
			"\nfunc countGen(ctx context.Context) {\n\tif err := Gen(ctx); err == nil {\n\t\tdone++\n\t}\n}\n"
	}
	return files
}

// TestJSONListsEachFindingOnce: the singlechecker lists a package with
// tests twice, as "pkg" and "pkg [pkg.test]"; each finding appears once,
// under "pkg", as many as the plain output has.
func TestJSONListsEachFindingOnce(t *testing.T) {
	bin := buildCommand(t)
	dir := writeModule(t, swallowing(true))
	plain, code := run(t, dir, bin, "./...")
	if code != 3 {
		t.Fatalf("plain: exit %d, want 3\n%s", code, plain)
	}
	want := strings.Count(plain, "cancellation tested here")
	cmd := exec.Command(bin, "-json", "./...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("-json: %v", err)
	}
	var tree map[string]map[string][]struct{ Posn, Message string }
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("-json: %v\n%s", err, out)
	}
	seen := make(map[string]bool)
	for id, byAnalyzer := range tree {
		if id != "example.com/swallowing" {
			t.Errorf("-json: findings under %q, want them all under the package", id)
		}
		for _, d := range byAnalyzer["swallowcancel"] {
			if seen[d.Posn+d.Message] {
				t.Errorf("-json: %s listed twice", d.Posn)
			}
			seen[d.Posn+d.Message] = true
		}
	}
	if len(seen) != want || want != 2 {
		t.Errorf("-json: %d findings, the plain output %d, want 2 each:\n%s", len(seen), want, out)
	}
}

// TestFixSaysWhatRemains: -fix applies what it can, then lists each
// finding it has no fix for, with the reason its message ends with, and
// how many there are, and exits 3 as a run that reports does; with
// nothing left it says nothing and exits 0.
func TestFixSaysWhatRemains(t *testing.T) {
	bin := buildCommand(t)
	dir := writeModule(t, swallowing(true))
	out, code := run(t, dir, bin, "-fix", "./...")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 3 || len(lines) != 2 ||
		!strings.HasSuffix(lines[0], "gen.go:13:3: returning nil swallows context.Canceled; return it and ignore it in the caller that cancels the context (no automatic fix: the file is generated)") ||
		lines[1] != "swallowcancel: -fix left 1 finding, which has no automatic fix; its message says why" {
		t.Errorf("-fix: exit %d, want 3, the generated file's finding and the count:\n%s", code, out)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "p.go")); err != nil || strings.Contains(string(data), "return nil") {
		t.Errorf("-fix did not fix p.go (%v):\n%s", err, data)
	}
	if out, code := run(t, dir, bin, "./..."); code != 3 || strings.Count(out, "tested here") != 1 {
		t.Errorf("after -fix: exit %d, want 3 and the one finding left:\n%s", code, out)
	}

	dir = writeModule(t, swallowing(false))
	if out, code := run(t, dir, bin, "-fix", "./..."); code != 0 || out != "" {
		t.Errorf("-fix, everything fixed: exit %d, want 0 and no output:\n%s", code, out)
	}
}

// TestLoadFailureBesideFindings pins what happens when one package does not
// type-check and another reports: the load error is printed and the
// findings are too, and the exit code is 1 (a failed package wins over
// findings, plain or -json), so that a CI step cannot pass on half a run.
func TestLoadFailureBesideFindings(t *testing.T) {
	bin := buildCommand(t)
	dir := copyModule(t, "vetmod")

	out, code := run(t, dir, bin, "./broken", "./tasks")
	if code != 1 {
		t.Errorf("plain: exit %d, want 1\n%s", code, out)
	}
	if !strings.Contains(out, "broken.go:5:9: cannot use") || !strings.Contains(out, "returning nil swallows context.Canceled") {
		t.Errorf("plain: want the load error and the findings both:\n%s", out)
	}

	cmd := exec.Command(bin, "-json", "./broken", "./tasks")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("-json: %v, want exit 1", err)
	}
	var result map[string]map[string]json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &result); err != nil {
		t.Fatalf("-json: stdout is not JSON: %v\n%s", err, stdout.String())
	}
	if got := string(result["example.com/vetmod/broken"]["swallowcancel"]); !strings.Contains(got, `"error"`) {
		t.Errorf("-json: the broken package has no error entry: %s", got)
	}
	if got := string(result["example.com/vetmod/tasks"]["swallowcancel"]); !strings.Contains(got, "returning nil swallows context.Canceled") {
		t.Errorf("-json: the findings are missing: %s", got)
	}
	if !strings.Contains(stderr.String(), "broken.go:5:9: cannot use") {
		t.Errorf("-json: stderr does not name the load error:\n%s", stderr.String())
	}
}

// TestMalformedFlagIsOneLine: a bad flag value is named in one line, not
// followed by the usage, since go vet runs the tool once per package.
func TestMalformedFlagIsOneLine(t *testing.T) {
	bin := buildCommand(t)
	dir := copyModule(t, "vetmod")
	out, code := run(t, dir, bin, "-strict=maybe", "./clean")
	if code != 2 || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, `invalid value "maybe" for -strict`) {
		t.Errorf("exit %d, want 2 and one line naming the flag:\n%s", code, out)
	}
	out, code = run(t, dir, "go", "vet", "-vettool="+bin, "-strict=maybe", "./...")
	if code == 0 || strings.Contains(out, "Usage") {
		t.Errorf("go vet: exit %d, want a failure without the usage:\n%s", code, out)
	}
}

// TestNewerGoIsOneLine pins the message for a module whose go line is newer
// than the Go the tool was built with: one line that says what to do, not
// the type checker's errors inside the standard library.
func TestNewerGoIsOneLine(t *testing.T) {
	bin := buildCommand(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/newer\n\ngo 1.99.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte("package newer\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := run(t, dir, bin, "./...")
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "requires go1.99.0") || !strings.Contains(lines[0], "rebuild it with go1.99") {
		t.Errorf("want one line naming go1.99.0 and what to do, got:\n%s", out)
	}
}

// TestCgoFindingSaysWhy pins the reason a finding in a file that imports
// "C" carries no fix: the pass sees cgo's rewrite of the file, not a
// generated file of the author's.
func TestCgoFindingSaysWhy(t *testing.T) {
	bin := buildCommand(t) // cgo needs a C compiler: .ci/run installs one
	dir := t.TempDir()
	src := "package cgomod\n\n// int two(void) { return 2; }\nimport \"C\"\n\nimport (\n\t\"context\"\n\t\"errors\"\n)\n\n" +
		"func work(ctx context.Context) error { return ctx.Err() }\n\n" +
		"func Two(ctx context.Context) (int, error) {\n\terr := work(ctx)\n\tif errors.Is(err, context.Canceled) {\n\t\treturn 0, nil\n\t}\n\treturn int(C.two()), err\n}\n" +
		"\nvar twos int\n\nfunc Count(ctx context.Context) {\n\tif n, err := Two(ctx); err == nil {\n\t\ttwos += n\n\t}\n}\n"
	for name, data := range map[string]string{"go.mod": "module example.com/cgomod\n\ngo 1.26.0\n", "c.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, code := run(t, dir, bin, "./...")
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s", code, out)
	}
	if !strings.Contains(out, "c.go:16:") || !strings.Contains(out, "no automatic fix: the package uses cgo") || strings.Contains(out, "the file is generated") {
		t.Errorf("want the finding at c.go:16 saying cgo is why there is no fix, got:\n%s", out)
	}
}

// TestHelpSaysTagsWork: the singlechecker's usage calls -tags deprecated;
// this command honours it, and its usage says so.
func TestHelpSaysTagsWork(t *testing.T) {
	out, code := run(t, t.TempDir(), buildCommand(t), "-help")
	if code != 0 {
		t.Fatalf("-help: exit %d, want 0\n%s", code, out)
	}
	if !strings.Contains(out, "-tags string\n    \tcomma-separated build tags, as for go build") {
		t.Errorf("-help does not say -tags reaches the loader:\n%s", out)
	}
}
