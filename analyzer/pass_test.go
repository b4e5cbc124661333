package analyzer_test

// The fuzz test and the benchmark run the analyzer on one parsed file
// without a driver: these are the importer, the type information and the
// pass they share.

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// newTypesInfo returns an empty types.Info with every map the analyzer
// reads.
func newTypesInfo() *types.Info {
	return &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Implicits:  make(map[ast.Node]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:     make(map[ast.Node]*types.Scope),
		Instances:  make(map[*ast.Ident]types.Instance),
	}
}

// runPass runs a on file alone, as a driver would with no facts to import;
// insp is the file's inspector, made once like the inspect pass's result.
func runPass(a *analysis.Analyzer, fset *token.FileSet, file *ast.File, insp *inspector.Inspector, pkg *types.Package, info *types.Info, src []byte, report func(analysis.Diagnostic)) error {
	pass := &analysis.Pass{
		Analyzer:          a,
		Fset:              fset,
		Files:             []*ast.File{file},
		Pkg:               pkg,
		TypesInfo:         info,
		TypesSizes:        types.SizesFor("gc", "amd64"),
		ResultOf:          map[*analysis.Analyzer]any{inspect.Analyzer: insp},
		Report:            report,
		ReadFile:          func(string) ([]byte, error) { return src, nil },
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
	_, err := a.Run(pass)
	return err
}

// sharedImporter imports the standard library from source and the
// testdata stubs (errgroup, grpc, conc, the helper packages) from
// testdata/src, once for all runs.
var sharedImporter = sync.OnceValue(func() types.Importer {
	return &stubImporter{std: importer.ForCompiler(token.NewFileSet(), "source", nil), pkgs: make(map[string]*types.Package)}
})

type stubImporter struct {
	mu   sync.Mutex
	std  types.Importer
	pkgs map[string]*types.Package
}

func (im *stubImporter) Import(path string) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.load(path)
}

func (im *stubImporter) load(path string) (*types.Package, error) {
	if pkg, ok := im.pkgs[path]; ok {
		return pkg, nil
	}
	dir := filepath.Join("..", "testdata", "src", filepath.FromSlash(path))
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var syntax []*ast.File
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			return nil, err
		}
		syntax = append(syntax, file)
	}
	if len(syntax) == 0 {
		pkg, err := im.std.Import(path)
		im.pkgs[path] = pkg
		return pkg, err
	}
	conf := types.Config{Importer: importerFunc(im.load)}
	pkg, err := conf.Check(path, fset, syntax, nil)
	im.pkgs[path] = pkg
	return pkg, err
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
