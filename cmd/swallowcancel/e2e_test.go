package main_test

// These tests build the command and run it the way users do, on copies of
// the modules under testdata/e2e.

import (
	"bytes"
	"encoding/json"
	"errors"
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
// formatted, builds, vets clean and draws no more findings. The fixes are
// applied by the command and, separately, by go vet -fix.
func TestFixKeepsOwnersBehaviour(t *testing.T) {
	bin := buildCommand(t)
	for _, driver := range []struct {
		name string
		fix  []string // the command line that applies the fixes
	}{
		{"command", []string{bin, "-fix", "./..."}},
		{"go vet", []string{"go", "vet", "-vettool=" + bin, "-fix", "./..."}},
	} {
		t.Run(driver.name, func(t *testing.T) {
			dir := copyModule(t, "fixmod")
			mustRun(t, dir, "go", "test", "-count=1", "./...")
			if out, code := run(t, dir, "go", "test", "-count=1", "-tags=fixed", "./..."); code == 0 {
				t.Fatalf("before -fix, the tests of what the fixes add pass already:\n%s", out)
			}
			out, code := run(t, dir, bin, "./...")
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
			if out, code := run(t, dir, bin, "./..."); code != 0 {
				t.Errorf("second run: exit %d, want 0:\n%s", code, out)
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
		if strings.HasPrefix(line, "tasks/") || strings.HasPrefix(line, "helpers/") || strings.HasPrefix(line, "clean/") {
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
		args := []string{"./tasks", "./helpers"}
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
		wantCount := 3
		if strict {
			wantCount = 4
		}
		if n := strings.Count(strings.Join(got, "\n"), "tested here"); n != wantCount-1 {
			// The suppressor finding has no test to point at.
			t.Errorf("strict=%v: %d findings with a test, want %d:\n%s", strict, n, wantCount-1, vetOut)
		}
	}
}

// stackTrace matches the header of a goroutine's stack in a crash report.
var stackTrace = regexp.MustCompile(`goroutine \d+ \[`)

// TestExitCodes checks the documented exit codes: 0 when the code is
// clean, 3 when it reports, 1 when a package does not type-check, 0 with
// -json whatever it found, 0 for help (the documentation), 2 for a malformed flag, and 1 for a launcher
// that its package does not declare; a bad flag is named on the first line
// of the output.
func TestExitCodes(t *testing.T) {
	bin := buildCommand(t)
	dir := copyModule(t, "vetmod")
	for _, tc := range []struct {
		args  []string
		code  int
		first string // what the first line of the output says, if anything
	}{
		{[]string{"help"}, 0, "swallowcancel: report tasks that swallow their context's cancellation"},
		{[]string{"version"}, 0, "swallowcancel "},
		{[]string{"-V=full"}, 0, " version "},
		{[]string{"./clean"}, 0, ""},
		{[]string{"./tasks"}, 3, ""},
		{[]string{"./broken"}, 1, ""},
		{[]string{"./tagged"}, 0, ""},
		{[]string{"-tags=extra", "./tagged"}, 3, ""}, // the loader sees the tagged file
		{[]string{"-tags", "extra", "./tagged"}, 3, ""},
		{[]string{"-json", "./tasks"}, 0, ""},
		{[]string{"-launchers=not a name", "./tasks"}, 2, `invalid launcher "not a name"`},
		{[]string{"-launchers=(*example.com/vetmod/helpers.Pool).Go", "./tasks"}, 1, "example.com/vetmod/helpers declares no type Pool"},
		{[]string{"-launchers=example.com/vetmod/helpers.Ignore", "./tasks"}, 1, "example.com/vetmod/helpers.Ignore: it takes no function argument"},
		{[]string{"-launchers=(sync.WaitGroup).Go", "./clean"}, 1, "the method is (*sync.WaitGroup).Go"},
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
		"func Two(ctx context.Context) (int, error) {\n\terr := work(ctx)\n\tif errors.Is(err, context.Canceled) {\n\t\treturn 0, nil\n\t}\n\treturn int(C.two()), err\n}\n"
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
