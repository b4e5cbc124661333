package metamorph

import (
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// helperFact marks a function whose name starts with "Helper".
type helperFact struct{}

func (*helperFact) AFact()         {}
func (*helperFact) String() string { return "helper" }

// helperCalls exports a fact for each helper and reports each call of a
// helper, in its package or another; it panics on a function named Panic.
var helperCalls = &analysis.Analyzer{
	Name:      "helpercalls",
	Doc:       "reports calls of helpers",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(helperFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fd.Name.Name, "Helper") {
					pass.ExportObjectFact(pass.TypesInfo.Defs[fd.Name], new(helperFact))
				}
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "Panic" {
					panic("Panic declared")
				}
			}
		}
		insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
			call := n.(*ast.CallExpr)
			var id *ast.Ident
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				id = fun
			case *ast.SelectorExpr:
				id = fun.Sel
			}
			if obj := pass.TypesInfo.Uses[id]; obj != nil && pass.ImportObjectFact(obj, new(helperFact)) {
				pass.Reportf(call.Pos(), "call of helper %s", id.Name)
			}
		})
		return nil, nil
	},
}

func TestMetamorphLoaderRunner(t *testing.T) {
	root := t.TempDir()
	write := func(name, src string) string {
		name = filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
	write("example.com/lib/lib.go", "package lib\n\nfunc HelperA() {}\n\nfunc B() {}\n")
	use := write("use/use.go", "package use\n\nimport (\n\t\"strings\"\n\n\t\"example.com/lib\"\n)\n\nfunc HelperC() { lib.HelperA(); lib.B(); _ = strings.ToUpper(\"\") }\n\nfunc d() { HelperC() }\n")
	write("use/use_test.go", "package use\n\nfunc e() { HelperC() }\n")
	write("use/ext_test.go", "package use_test\n")

	l := NewLoader(root)
	r := NewRunner(helperCalls, l)
	p, errs, err := l.Load("use", true, nil)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if len(p.Files) != 2 {
		t.Errorf("%d files, want use.go and use_test.go", len(p.Files))
	}
	out, err := r.Run(p)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range out.Diagnostics {
		pos := p.Fset.Position(d.Pos)
		got = append(got, filepath.Base(pos.Filename)+": "+d.Message)
	}
	want := "use.go: call of helper HelperA, use.go: call of helper HelperC, use_test.go: call of helper HelperC"
	if strings.Join(got, ", ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, ", "), want)
	}
	if len(out.ObjectFacts) != 1 || out.ObjectFacts[0].Object.Name() != "HelperC" {
		t.Errorf("facts: %v", out.ObjectFacts)
	}

	// An overlay: HelperC renamed, a type error, a panic.
	p, errs, err = l.Load("use", false, map[string][]byte{use: []byte("package use\n\nimport \"example.com/lib\"\n\nfunc C() { lib.HelperA() }\n\nfunc d() { C() }\n")})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if out, err := r.Run(p); err != nil || len(out.Diagnostics) != 1 || len(out.ObjectFacts) != 0 {
		t.Errorf("overlay: %v, %v", out, err)
	}
	if _, errs, _ := l.Load("use", false, map[string][]byte{use: []byte("package use\n\nfunc d() { C() }\n")}); len(errs) == 0 {
		t.Errorf("no type error for an undefined name")
	}
	p, _, _ = l.Load("use", false, map[string][]byte{use: []byte("package use\n\nfunc Panic() {}\n")})
	if _, err := r.Run(p); err == nil || !strings.Contains(err.Error(), "panic: Panic declared") {
		t.Errorf("a panic: %v", err)
	}
}
