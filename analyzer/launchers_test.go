package analyzer_test

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

// TestLauncherOptions checks that launcher names given to New directly,
// without the flag's validation, and names that the package declaring
// them does not declare, are errors that name them, not panics or silence.
func TestLauncherOptions(t *testing.T) {
	const src = `package pool

type Pool struct{}

func (p *Pool) Go(f func() error) {}
func (p Pool) Size() int            { return 0 }
func Spawn(f func())                {}
func Count(n int)                   {}
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "pool.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := newTypesInfo()
	pkg, err := (&types.Config{}).Check("example.com/pool", fset, []*ast.File{file}, info)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		launcher string
		want     string // in the error; empty for none
	}{
		{"(*example.com/pool.Pool).Go", ""},
		{"example.com/pool.Spawn", ""},
		{"example.com/other.Start", ""}, // not this package: nothing to check here
		{"nodot", `invalid launcher "nodot"`},
		{"(*example.com/pool.Pool", `invalid launcher`},
		{"(*example.com/pool.Pond).Go", "declares no type Pond"},
		{"(*example.com/pool.Pool).Run", "Pool has no method Run"},
		{"(example.com/pool.Pool).Go", "the method is (*example.com/pool.Pool).Go"},
		{"example.com/pool.Start", "declares no function Start"},
		{"example.com/pool.Count", "takes no function argument"},
	} {
		a := analyzer.New(analyzer.Options{Deadline: true, Launchers: []string{tc.launcher}})
		err := runPass(a, fset, file, inspector.New([]*ast.File{file}), pkg, info, []byte(src), func(analysis.Diagnostic) {})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tc.launcher, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one saying %q", tc.launcher, err, tc.want)
		}

		// The command checks the names once, before any pass, with
		// CheckLauncher: the same error for the package that declares
		// the name, wrapping ErrLaunchers if the name is well formed.
		path := analyzer.LauncherPackage(tc.launcher)
		if path != "example.com/pool" {
			if path == "" && (err == nil || !strings.Contains(err.Error(), "invalid launcher")) {
				t.Errorf("%s: LauncherPackage says malformed, the pass %v", tc.launcher, err)
			}
			continue
		}
		cerr := analyzer.CheckLauncher(tc.launcher, pkg)
		if (cerr == nil) != (err == nil) || cerr != nil && (cerr.Error() != err.Error() || !errors.Is(cerr, analyzer.ErrLaunchers)) {
			t.Errorf("%s: CheckLauncher says %v, the pass %v", tc.launcher, cerr, err)
		}
	}
	if err := analyzer.CheckLauncher("example.com/other.Start", pkg); err == nil || !errors.Is(err, analyzer.ErrLaunchers) {
		t.Errorf("CheckLauncher of another package's name: %v", err)
	}
	if err := analyzer.CheckLauncher("nodot", pkg); err == nil || errors.Is(err, analyzer.ErrLaunchers) {
		t.Errorf("CheckLauncher of a malformed name: %v, want Validate's error", err)
	}
}
