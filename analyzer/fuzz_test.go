package analyzer_test

// FuzzAnalyzer feeds the analyzer strange but valid programs: the testdata
// sources, mutated by a sequence of structural edits that the fuzzer's
// bytes choose (conditions negated, statements moved between branches,
// imports renamed or dot-imported, names shadowed, statements wrapped in
// labelled loops, literals stored in maps). The analyzer must not panic on
// any of them, whether they type-check or not, and must report nothing
// when type information is missing.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

// seeds are the testdata sources the mutations start from.
var seeds = sync.OnceValue(func() []string {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "src", "*", "*.go"))
	sort.Strings(files)
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err == nil {
			out = append(out, string(data))
		}
	}
	return out
})

func FuzzAnalyzer(f *testing.F) {
	// The seed corpus: every testdata source as it is, with each mutation
	// applied twice at places its index picks, and with a mixed sequence.
	for i := range seeds() {
		f.Add(uint16(i), []byte{})
		for m := range mutations {
			f.Add(uint16(i), []byte{byte(m), byte(i), byte(m), byte(7*i + 3)})
		}
		f.Add(uint16(i), []byte{byte(i), 1, 2, 3, 4, 5})
	}
	f.Fuzz(func(t *testing.T, seed uint16, ops []byte) {
		src := seeds()[int(seed)%len(seeds())]
		mutated, ok := mutate(src, ops)
		if !ok {
			return // the mutations made it unprintable: nothing to analyse
		}
		checkProgram(t, mutated)
	})
}

// checkProgram type-checks src and runs the analyzer on it, with full
// type information and with none.
func checkProgram(t *testing.T, src []byte) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "fuzz.go", src, parser.ParseComments)
	if err != nil {
		return
	}
	info := newTypesInfo()
	var typeErrors []error
	conf := types.Config{Importer: sharedImporter(), Error: func(err error) { typeErrors = append(typeErrors, err) }}
	pkg, _ := conf.Check(file.Name.Name, fset, []*ast.File{file}, info)
	if pkg == nil {
		return
	}
	run := func(info *types.Info) []analysis.Diagnostic {
		var diags []analysis.Diagnostic
		a := analyzer.New(analyzer.Options{Deadline: true, Strict: true})
		if err := runPass(a, fset, file, inspector.New([]*ast.File{file}), pkg, info, src, func(d analysis.Diagnostic) { diags = append(diags, d) }); err != nil {
			t.Fatalf("Run: %v\n%s", err, src)
		}
		return diags
	}
	run(info)
	for _, d := range run(newTypesInfo()) {
		if !strings.HasPrefix(d.Message, "boundary directive") {
			t.Errorf("without type information: %s: %s\n%s", fset.Position(d.Pos), d.Message, src)
		}
	}
}

// mutate applies the edits ops choose to src and prints the result.
func mutate(src string, ops []byte) ([]byte, bool) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "seed.go", src, parser.ParseComments)
	if err != nil {
		return nil, false
	}
	for i := 0; i+1 < len(ops) && i < 32; i += 2 {
		mutations[int(ops[i])%len(mutations)](file, int(ops[i+1]))
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, file); err != nil {
		return nil, false
	}
	return buf.Bytes(), true
}

// mutations each edit a file in place; n picks where.
var mutations = []func(f *ast.File, n int){
	negateCondition,
	swapBranches,
	moveStatement,
	renameImport,
	dotImport,
	shadowPackage,
	wrapInLabelledLoop,
	storeLiteralInMap,
	aliasContext,
	addGoto,
}

// nth returns the n-th node of type T in f, modulo their number.
func nth[T ast.Node](f *ast.File, n int) (T, bool) {
	var all []T
	ast.Inspect(f, func(x ast.Node) bool {
		if t, ok := x.(T); ok {
			all = append(all, t)
		}
		return true
	})
	var zero T
	if len(all) == 0 {
		return zero, false
	}
	return all[n%len(all)], true
}

func negateCondition(f *ast.File, n int) {
	if s, ok := nth[*ast.IfStmt](f, n); ok {
		s.Cond = &ast.UnaryExpr{Op: token.NOT, X: &ast.ParenExpr{X: s.Cond}}
	}
}

func swapBranches(f *ast.File, n int) {
	if s, ok := nth[*ast.IfStmt](f, n); ok {
		if e, ok := s.Else.(*ast.BlockStmt); ok {
			s.Body, s.Else = e, s.Body
		} else {
			s.Else, s.Body = s.Body, &ast.BlockStmt{}
		}
	}
}

// moveStatement moves a statement from one block to another of the same
// function.
func moveStatement(f *ast.File, n int) {
	fd, ok := nth[*ast.FuncDecl](f, n)
	if !ok || fd.Body == nil {
		return
	}
	var blocks []*ast.BlockStmt
	ast.Inspect(fd.Body, func(x ast.Node) bool {
		if b, ok := x.(*ast.BlockStmt); ok && len(b.List) > 0 {
			blocks = append(blocks, b)
		}
		return true
	})
	if len(blocks) < 2 {
		return
	}
	from, to := blocks[n%len(blocks)], blocks[(n/3+1)%len(blocks)]
	if len(from.List) == 0 {
		return
	}
	s := from.List[len(from.List)-1]
	from.List = from.List[:len(from.List)-1]
	to.List = append([]ast.Stmt{s}, to.List...)
}

// renameImport gives an import a new name and renames its uses.
func renameImport(f *ast.File, n int) {
	if len(f.Imports) == 0 {
		return
	}
	spec := f.Imports[n%len(f.Imports)]
	old := localName(spec)
	if old == "." || old == "_" {
		return
	}
	name := "x" + strconv.Itoa(n%7) + old
	spec.Name = ast.NewIdent(name)
	renameQualifier(f, old, name)
}

// dotImport turns an import into a dot import.
func dotImport(f *ast.File, n int) {
	if len(f.Imports) == 0 {
		return
	}
	spec := f.Imports[n%len(f.Imports)]
	old := localName(spec)
	if old == "." || old == "_" {
		return
	}
	spec.Name = ast.NewIdent(".")
	ast.Inspect(f, func(x ast.Node) bool {
		for _, fieldPtr := range exprFields(x) {
			if sel, ok := (*fieldPtr).(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == old {
					*fieldPtr = sel.Sel
				}
			}
		}
		return true
	})
}

// shadowPackage declares a local variable named like an import at the
// start of a function.
func shadowPackage(f *ast.File, n int) {
	fd, ok := nth[*ast.FuncDecl](f, n)
	if !ok || fd.Body == nil || len(f.Imports) == 0 {
		return
	}
	name := localName(f.Imports[n%len(f.Imports)])
	if name == "." || name == "_" {
		return
	}
	decl := &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(name)}, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "0"}}}
	use := &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_")}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(name)}}
	fd.Body.List = append([]ast.Stmt{decl, use}, fd.Body.List...)
}

// wrapInLabelledLoop wraps a statement in L: for { stmt; break L }.
func wrapInLabelledLoop(f *ast.File, n int) {
	b, ok := nth[*ast.BlockStmt](f, n)
	if !ok || len(b.List) == 0 {
		return
	}
	i := n % len(b.List)
	label := ast.NewIdent(fmt.Sprintf("L%d", n%5))
	loop := &ast.LabeledStmt{Label: label, Stmt: &ast.ForStmt{Body: &ast.BlockStmt{List: []ast.Stmt{
		b.List[i],
		&ast.BranchStmt{Tok: token.BREAK, Label: ast.NewIdent(label.Name)},
	}}}}
	b.List[i] = loop
}

// storeLiteralInMap moves a function literal argument into a map that is
// read back where it was.
func storeLiteralInMap(f *ast.File, n int) {
	call, ok := nth[*ast.CallExpr](f, n)
	if !ok {
		return
	}
	for i, arg := range call.Args {
		if lit, ok := arg.(*ast.FuncLit); ok {
			m := &ast.CompositeLit{
				Type: &ast.MapType{Key: ast.NewIdent("string"), Value: lit.Type},
				Elts: []ast.Expr{&ast.KeyValueExpr{Key: &ast.BasicLit{Kind: token.STRING, Value: `"f"`}, Value: lit}},
			}
			call.Args[i] = &ast.IndexExpr{X: m, Index: &ast.BasicLit{Kind: token.STRING, Value: `"f"`}}
			return
		}
	}
}

// aliasContext declares an alias of context.Context and uses it for
// parameters.
func aliasContext(f *ast.File, n int) {
	ctx := ""
	for _, spec := range f.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == "context" {
			ctx = localName(spec)
		}
	}
	if ctx == "" || ctx == "." || ctx == "_" {
		return
	}
	alias := fmt.Sprintf("Ctx%d", n%3)
	f.Decls = append(f.Decls, &ast.GenDecl{Tok: token.TYPE, Specs: []ast.Spec{&ast.TypeSpec{
		Name: ast.NewIdent(alias), Assign: 1,
		Type: &ast.SelectorExpr{X: ast.NewIdent(ctx), Sel: ast.NewIdent("Context")},
	}}})
	ast.Inspect(f, func(x ast.Node) bool {
		if field, ok := x.(*ast.Field); ok {
			if sel, ok := field.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Context" {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == ctx {
					field.Type = ast.NewIdent(alias)
				}
			}
		}
		return true
	})
}

// addGoto jumps over the first statement of a block.
func addGoto(f *ast.File, n int) {
	b, ok := nth[*ast.BlockStmt](f, n)
	if !ok || len(b.List) < 2 {
		return
	}
	label := ast.NewIdent(fmt.Sprintf("G%d", n%5))
	b.List[1] = &ast.LabeledStmt{Label: label, Stmt: b.List[1]}
	b.List = append([]ast.Stmt{&ast.BranchStmt{Tok: token.GOTO, Label: ast.NewIdent(label.Name)}}, b.List...)
}

func localName(spec *ast.ImportSpec) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	path, _ := strconv.Unquote(spec.Path.Value)
	return path[strings.LastIndex(path, "/")+1:]
}

// renameQualifier renames the package qualifier old to name.
func renameQualifier(f *ast.File, old, name string) {
	ast.Inspect(f, func(x ast.Node) bool {
		if sel, ok := x.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == old {
				id.Name = name
			}
		}
		return true
	})
}

// exprFields returns pointers to the expression fields of x that may hold
// a qualified identifier.
func exprFields(x ast.Node) []*ast.Expr {
	switch x := x.(type) {
	case *ast.CallExpr:
		ptrs := []*ast.Expr{&x.Fun}
		for i := range x.Args {
			ptrs = append(ptrs, &x.Args[i])
		}
		return ptrs
	case *ast.BinaryExpr:
		return []*ast.Expr{&x.X, &x.Y}
	case *ast.Field:
		return []*ast.Expr{&x.Type}
	case *ast.ValueSpec:
		ptrs := []*ast.Expr{&x.Type}
		for i := range x.Values {
			ptrs = append(ptrs, &x.Values[i])
		}
		return ptrs
	case *ast.AssignStmt:
		var ptrs []*ast.Expr
		for i := range x.Rhs {
			ptrs = append(ptrs, &x.Rhs[i])
		}
		return ptrs
	case *ast.ReturnStmt:
		var ptrs []*ast.Expr
		for i := range x.Results {
			ptrs = append(ptrs, &x.Results[i])
		}
		return ptrs
	case *ast.CaseClause:
		var ptrs []*ast.Expr
		for i := range x.List {
			ptrs = append(ptrs, &x.List[i])
		}
		return ptrs
	case *ast.CompositeLit:
		return []*ast.Expr{&x.Type}
	case *ast.StarExpr:
		return []*ast.Expr{&x.X}
	case *ast.UnaryExpr:
		return []*ast.Expr{&x.X}
	case *ast.ParenExpr:
		return []*ast.Expr{&x.X}
	}
	return nil
}
