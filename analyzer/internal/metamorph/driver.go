package metamorph

// This file is a small in-process driver: it type-checks packages of a
// GOPATH-style tree, with rewritten files in place of their originals, and
// runs an analyzer on them as go vet would, after the packages of the tree
// they import, with those packages' facts. Rewriting a package and
// checking it again costs milliseconds, not a go list.

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Loader type-checks the packages of a tree: import path p is the
// directory Root/p; a path with no such directory is imported from the
// standard library's source.
type Loader struct {
	Root string
	Fset *token.FileSet

	mu   sync.Mutex
	std  types.Importer
	deps map[string]*dep // packages imported by others, as on disk
}

// NewLoader returns a loader for the tree at root (a GOPATH src directory).
func NewLoader(root string) *Loader {
	fset := token.NewFileSet()
	return &Loader{Root: root, Fset: fset, std: importer.ForCompiler(fset, "source", nil), deps: make(map[string]*dep)}
}

// NewInfo returns a types.Info that records everything.
func NewInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		Instances:    make(map[*ast.Ident]types.Instance),
		FileVersions: make(map[*ast.File]string),
	}
}

// Files returns the names of the Go files of the package at path: with
// its in-package tests when tests is set, never external tests.
func (l *Loader) Files(path string, tests bool) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(l.Root, filepath.FromSlash(path), "*.go"))
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no Go files for %s", path)
	}
	var out []string
	pkgName := ""
	for _, name := range names {
		if !strings.HasSuffix(name, "_test.go") {
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.PackageClauseOnly)
			if err != nil {
				return nil, err
			}
			pkgName = f.Name.Name
		}
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			if !tests {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.PackageClauseOnly)
			if err != nil {
				return nil, err
			}
			if f.Name.Name != pkgName {
				continue // an external test package
			}
		}
		out = append(out, name)
	}
	return out, nil
}

// Load type-checks the package at path, with its in-package test files
// when tests is set and the text of overlay (by file name) in place of the
// files on disk. typeErrs are its type errors; err is for a package that
// cannot be read or parsed.
func (l *Loader) Load(path string, tests bool, overlay map[string][]byte) (pkg *Package, typeErrs []error, err error) {
	names, err := l.Files(path, tests)
	if err != nil {
		return nil, nil, err
	}
	pkg = &Package{Fset: l.Fset, Info: NewInfo()}
	for _, name := range names {
		src, ok := overlay[name]
		if !ok {
			if src, err = os.ReadFile(name); err != nil {
				return nil, nil, err
			}
		}
		f, err := parser.ParseFile(l.Fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		pkg.Files = append(pkg.Files, f)
		pkg.Src = append(pkg.Src, src)
	}
	conf := types.Config{
		Importer: importerFunc(l.importPath),
		Error:    func(err error) { typeErrs = append(typeErrs, err) },
		Sizes:    types.SizesFor("gc", runtime.GOARCH),
	}
	pkg.Types, _ = conf.Check(path, l.Fset, pkg.Files, pkg.Info)
	return pkg, typeErrs, nil
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// importPath imports a dependency: from the tree, type-checked once, or
// from the standard library.
func (l *Loader) importPath(path string) (*types.Package, error) {
	if st, err := os.Stat(filepath.Join(l.Root, filepath.FromSlash(path))); err != nil || !st.IsDir() {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.std.Import(path)
	}
	l.mu.Lock()
	d, ok := l.deps[path]
	if !ok {
		d = &dep{}
		l.deps[path] = d
	}
	l.mu.Unlock()
	d.once.Do(func() {
		var errs []error
		d.pkg, errs, d.err = l.Load(path, false, nil)
		if d.err == nil && len(errs) > 0 {
			d.err = fmt.Errorf("%s: %v", path, errs[0])
		}
	})
	if d.err != nil {
		return nil, d.err
	}
	return d.pkg.Types, nil
}

// dep is a package of the tree that others import.
type dep struct {
	once sync.Once
	pkg  *Package
	err  error
}

// treeDeps returns the packages of the tree that p imports, directly or
// not, dependencies first.
func (l *Loader) treeDeps(p *types.Package) []*Package {
	var out []*Package
	seen := make(map[string]bool)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		imps := p.Imports()
		sort.Slice(imps, func(i, j int) bool { return imps[i].Path() < imps[j].Path() })
		for _, imp := range imps {
			if seen[imp.Path()] {
				continue
			}
			seen[imp.Path()] = true
			l.mu.Lock()
			d, ok := l.deps[imp.Path()]
			l.mu.Unlock()
			if ok && d.pkg != nil {
				visit(imp)
				out = append(out, d.pkg)
			}
		}
	}
	visit(p)
	return out
}

// Runner runs an analyzer on packages of a loader's tree, keeping the
// facts of the dependencies it analysed on the way.
type Runner struct {
	Analyzer *analysis.Analyzer
	Loader   *Loader

	mu    sync.Mutex
	facts *factStore
	done  map[string]bool
}

// NewRunner returns a runner of a on the packages of l.
func NewRunner(a *analysis.Analyzer, l *Loader) *Runner {
	return &Runner{Analyzer: a, Loader: l, facts: newFactStore(nil), done: make(map[string]bool)}
}

// Output is what a run of the analyzer on a package reports.
type Output struct {
	Diagnostics  []analysis.Diagnostic
	ObjectFacts  []analysis.ObjectFact  // the facts exported on the package's objects
	PackageFacts []analysis.PackageFact // the facts exported on the package
}

// Run analyses p, after the packages of the tree it imports. The facts p
// exports are returned, not kept: p may be a rewrite.
func (r *Runner) Run(p *Package) (*Output, error) {
	r.mu.Lock()
	for _, d := range r.Loader.treeDeps(p.Types) {
		if r.done[d.Types.Path()] {
			continue
		}
		r.done[d.Types.Path()] = true
		if _, err := r.run(d, r.facts); err != nil {
			r.mu.Unlock()
			return nil, fmt.Errorf("%s: %v", d.Types.Path(), err)
		}
	}
	r.mu.Unlock()
	facts := newFactStore(r.facts)
	diags, err := r.run(p, facts)
	if err != nil {
		return nil, err
	}
	out := &Output{Diagnostics: diags}
	for k, f := range facts.m {
		if k.a != r.Analyzer {
			continue
		}
		switch of := k.of.(type) {
		case types.Object:
			out.ObjectFacts = append(out.ObjectFacts, analysis.ObjectFact{Object: of, Fact: f})
		case *types.Package:
			out.PackageFacts = append(out.PackageFacts, analysis.PackageFact{Package: of, Fact: f})
		}
	}
	return out, nil
}

// run runs the analyzer and those it requires on p; a panic is an error.
func (r *Runner) run(p *Package, facts *factStore) (_ []analysis.Diagnostic, err error) {
	defer func() {
		if x := recover(); x != nil {
			stack := strings.Split(string(debug.Stack()), "\n")
			// Keep the panic's own frames: after runtime's, before the runner's.
			var frames []string
			for i := 0; i+1 < len(stack); i++ {
				if strings.Contains(stack[i], "panic(") {
					frames = stack[i+2:]
				}
			}
			var kept []string
			for i := 0; i+1 < len(frames) && len(kept) < 4; i += 2 {
				if strings.Contains(frames[i], "metamorph.(*Runner)") {
					break
				}
				kept = append(kept, strings.TrimSpace(frames[i+1]))
			}
			err = fmt.Errorf("panic: %v at %s", x, strings.Join(kept, " < "))
		}
	}()
	results := make(map[*analysis.Analyzer]any)
	var diags []analysis.Diagnostic
	var exec func(a *analysis.Analyzer) error
	exec = func(a *analysis.Analyzer) error {
		if _, ok := results[a]; ok {
			return nil
		}
		for _, req := range a.Requires {
			if err := exec(req); err != nil {
				return err
			}
		}
		pass := r.pass(a, p, results, facts)
		if a == r.Analyzer {
			pass.Report = func(d analysis.Diagnostic) { diags = append(diags, d) }
		}
		res, err := a.Run(pass)
		if err != nil {
			return err
		}
		results[a] = res
		return nil
	}
	err = exec(r.Analyzer)
	return diags, err
}

func (r *Runner) pass(a *analysis.Analyzer, p *Package, results map[*analysis.Analyzer]any, facts *factStore) *analysis.Pass {
	resultOf := make(map[*analysis.Analyzer]any)
	for _, req := range a.Requires {
		resultOf[req] = results[req]
	}
	pass := &analysis.Pass{
		Analyzer:   a,
		Fset:       p.Fset,
		Files:      p.Files,
		Pkg:        p.Types,
		TypesInfo:  p.Info,
		TypesSizes: types.SizesFor("gc", runtime.GOARCH),
		ResultOf:   resultOf,
		Report:     func(analysis.Diagnostic) {},
		ReadFile: func(name string) ([]byte, error) {
			for i, f := range p.Files {
				if p.Fset.File(f.Pos()).Name() == name {
					return p.Src[i], nil
				}
			}
			return os.ReadFile(name)
		},
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool { return facts.get(a, obj, fact) },
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj.Pkg() != p.Types {
				panic(fmt.Sprintf("%s: fact for object %s of another package", a.Name, obj))
			}
			facts.set(a, obj, fact)
		},
		ImportPackageFact: func(pkg *types.Package, fact analysis.Fact) bool { return facts.get(a, pkg, fact) },
		ExportPackageFact: func(fact analysis.Fact) { facts.set(a, p.Types, fact) },
		AllObjectFacts: func() []analysis.ObjectFact {
			var out []analysis.ObjectFact
			facts.each(a, func(k factKey, f analysis.Fact) {
				if obj, ok := k.of.(types.Object); ok {
					out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
				}
			})
			return out
		},
		AllPackageFacts: func() []analysis.PackageFact {
			var out []analysis.PackageFact
			facts.each(a, func(k factKey, f analysis.Fact) {
				if pkg, ok := k.of.(*types.Package); ok {
					out = append(out, analysis.PackageFact{Package: pkg, Fact: f})
				}
			})
			return out
		},
	}
	return pass
}

// factStore holds facts by analyzer, object or package, and type; a
// store with a parent reads through to it and writes only to itself.
type factStore struct {
	parent *factStore
	mu     sync.Mutex
	m      map[factKey]analysis.Fact
}

type factKey struct {
	a  *analysis.Analyzer
	of any // types.Object or *types.Package
	t  reflect.Type
}

func newFactStore(parent *factStore) *factStore {
	return &factStore{parent: parent, m: make(map[factKey]analysis.Fact)}
}

func (s *factStore) get(a *analysis.Analyzer, of any, ptr analysis.Fact) bool {
	for ; s != nil; s = s.parent {
		s.mu.Lock()
		f, ok := s.m[factKey{a, of, reflect.TypeOf(ptr)}]
		s.mu.Unlock()
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(f).Elem())
			return true
		}
	}
	return false
}

func (s *factStore) set(a *analysis.Analyzer, of any, fact analysis.Fact) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[factKey{a, of, reflect.TypeOf(fact)}] = fact
}

func (s *factStore) each(a *analysis.Analyzer, fn func(factKey, analysis.Fact)) {
	for ; s != nil; s = s.parent {
		s.mu.Lock()
		for k, f := range s.m {
			if k.a == a {
				fn(k, f)
			}
		}
		s.mu.Unlock()
	}
}
