package fix

// This file checks every fix before it is offered. A fix that does not
// compile, or leaves code go vet rejects, costs a user more than no fix:
// they stop running -fix. So the edits are applied to the file in memory,
// the package is type-checked again with the edited file (against the
// packages the pass already imported, nothing reloaded), and vet's own
// unreachable check runs on the result. A fix that fails is withheld, and
// its diagnostic says that no automatic fix applies.
//
// The fixes of a package are checked together first, which is one type
// check for the usual package; only when that fails is each fix checked
// alone, so that one bad fix does not withhold the others.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/passes/unreachable"
	"golang.org/x/tools/go/ast/inspector"
)

// FixChecker type-checks edited versions of one package.
type FixChecker struct {
	pass        *analysis.Pass
	src         map[string][]byte // original sources, by file name
	unreachable map[string]int    // vet's unreachable findings in each original file
}

func NewFixChecker(pass *analysis.Pass) *FixChecker {
	return &FixChecker{pass: pass, src: make(map[string][]byte), unreachable: make(map[string]int)}
}

// source returns the text of a file of the package, as parsed.
func (fc *FixChecker) source(name string) ([]byte, error) {
	if src, ok := fc.src[name]; ok {
		return src, nil
	}
	src, err := fc.pass.ReadFile(name)
	if err != nil {
		return nil, err
	}
	fc.src[name] = src
	return src, nil
}

// Check applies the fixes to the package's sources and reports why the
// result does not build or leaves unreachable code, or nil.
func (fc *FixChecker) Check(fixes []analysis.SuggestedFix) error {
	byFile := make(map[string][]analysis.TextEdit)
	for _, fix := range fixes {
		for _, e := range fix.TextEdits {
			name := fc.pass.Fset.File(e.Pos).Name()
			byFile[name] = append(byFile[name], e)
		}
	}
	edited := make(map[string][]byte)
	for name, edits := range byFile {
		src, err := fc.source(name)
		if err != nil {
			return err
		}
		out, err := applyEdits(fc.pass.Fset.File(edits[0].Pos), src, edits)
		if err != nil {
			return err
		}
		edited[name] = out
	}

	// The edited files are parsed again; the others are the pass's own
	// syntax, which type checking only reads.
	fset := fc.pass.Fset
	var files []*ast.File
	for _, f := range fc.pass.Files {
		name := fc.pass.Fset.File(f.FileStart).Name()
		src, ok := edited[name]
		if !ok {
			files = append(files, f)
			continue
		}
		file, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("the fixed file does not parse: %v", err)
		}
		files = append(files, file)
	}
	conf := types.Config{
		Importer:  importerOf(fc.pass.Pkg),
		GoVersion: fc.pass.Pkg.GoVersion(),
		Sizes:     fc.pass.TypesSizes,
	}
	var typeErr error
	conf.Error = func(err error) {
		if typeErr == nil {
			typeErr = err
		}
	}
	_, _ = conf.Check(fc.pass.Pkg.Path(), fset, files, nil)
	if typeErr != nil {
		msg := typeErr.Error()
		if te, ok := typeErr.(types.Error); ok {
			msg = te.Msg
		}
		return fmt.Errorf("the fixed code would not compile: %s", msg)
	}
	for _, file := range files {
		name := fset.File(file.FileStart).Name()
		if _, ok := edited[name]; !ok {
			continue
		}
		before, err := fc.originalUnreachable(name)
		if err != nil {
			return err
		}
		if countUnreachable(fset, file) > before {
			return fmt.Errorf("the fix would leave a statement unreachable")
		}
	}
	return nil
}

// originalUnreachable counts vet's unreachable findings in a file as the
// pass parsed it.
func (fc *FixChecker) originalUnreachable(name string) (int, error) {
	if n, ok := fc.unreachable[name]; ok {
		return n, nil
	}
	for _, f := range fc.pass.Files {
		if fc.pass.Fset.File(f.FileStart).Name() == name {
			n := countUnreachable(fc.pass.Fset, f)
			fc.unreachable[name] = n
			return n, nil
		}
	}
	return 0, fmt.Errorf("%s is not a file of the package", name)
}

// countUnreachable runs go vet's unreachable analyzer on one file.
func countUnreachable(fset *token.FileSet, file *ast.File) int {
	n := 0
	pass := &analysis.Pass{
		Analyzer: unreachable.Analyzer,
		Fset:     fset,
		Files:    []*ast.File{file},
		ResultOf: map[*analysis.Analyzer]any{inspect.Analyzer: inspector.New([]*ast.File{file})},
		Report:   func(analysis.Diagnostic) { n++ },
	}
	_, _ = unreachable.Analyzer.Run(pass)
	return n
}

// applyEdits returns src with the edits applied; identical edits, as the
// fixes of several tasks make at one await site, apply once.
func applyEdits(tok *token.File, src []byte, edits []analysis.TextEdit) ([]byte, error) {
	sorted := append([]analysis.TextEdit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Pos != sorted[j].Pos {
			return sorted[i].Pos < sorted[j].Pos
		}
		return sorted[i].End < sorted[j].End
	})
	var out bytes.Buffer
	last := 0
	var prev *analysis.TextEdit
	for i := range sorted {
		e := &sorted[i]
		if prev != nil && e.Pos == prev.Pos && e.End == prev.End && bytes.Equal(e.NewText, prev.NewText) {
			continue
		}
		start, end := tok.Offset(e.Pos), tok.Offset(e.End)
		if start < last || end < start || end > len(src) {
			return nil, fmt.Errorf("the fix's edits overlap")
		}
		out.Write(src[last:start])
		out.Write(e.NewText)
		last = end
		prev = e
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// importerOf returns an importer of the packages pkg imports, as the
// driver loaded them.
func importerOf(pkg *types.Package) types.Importer {
	m := make(map[string]*types.Package)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		for _, imp := range p.Imports() {
			if _, seen := m[imp.Path()]; !seen {
				m[imp.Path()] = imp
				visit(imp) // a fix may import what the package reaches only indirectly (errors)
			}
		}
	}
	visit(pkg)
	return importerFunc(func(path string) (*types.Package, error) {
		if p, ok := m[path]; ok {
			return p, nil
		}
		if p, ok := m["vendor/"+path]; ok {
			return p, nil // the standard library's vendored packages
		}
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		return nil, fmt.Errorf("%s is not imported by %s", path, pkg.Path())
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
