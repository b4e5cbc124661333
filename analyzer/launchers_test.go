package analyzer_test

import (
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
	}
}
