package analyzer

// This file carries a false success across packages. A task-side swallow
// that no caller in its own package is seen acting on, in a function that
// code in other packages may call, exports a fact; each importing package
// judges its calls of that function, and reports the one whose caller
// takes the nil for finished work (SPEC.md, "Default mode: where the false
// success lands").

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/swallows"
)

// consumerFinding is a call of another package's swallowing function whose
// caller acts on the nil.
type consumerFinding struct {
	call *ast.CallExpr
	fn   *types.Func
	fact *recognize.FalseSuccess
	at   ast.Node // where the caller acts on the nil
}

// exportFalseSuccess records, on each function of fns declared in this
// package, that it hands s's nil to callers in other packages.
func exportFalseSuccess(pass *analysis.Pass, fns []*types.Func, s *swallows.Swallow) {
	pos := pass.Fset.Position(s.Site.Pos())
	fact := &recognize.FalseSuccess{Category: s.Category.String(), Site: fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)}
	exportFacts(pass, fns, fact)
}

// exportFacts exports fact on each function of fns declared in this
// package that has none yet.
func exportFacts(pass *analysis.Pass, fns []*types.Func, fact *recognize.FalseSuccess) {
	exported := false
	for _, fn := range fns {
		if fn.Pkg() != pass.Pkg || pass.ImportObjectFact(fn, new(recognize.FalseSuccess)) {
			continue
		}
		f := *fact
		pass.ExportObjectFact(fn, &f)
		exported = true
	}
	if exported {
		pass.ExportPackageFact(new(recognize.HasFalseSuccess))
	}
}

// consumersOfImports judges this package's calls of imported functions
// that report success once their context is done.
func consumersOfImports(pass *analysis.Pass, insp *inspector.Inspector, callers *ownership.CallerOwnership, tests recognize.TestFiles) []consumerFinding {
	any := false
	for _, imp := range pass.Pkg.Imports() {
		if pass.ImportPackageFact(imp, new(recognize.HasFalseSuccess)) {
			any = true
			break
		}
	}
	if !any {
		return nil
	}
	var found []consumerFinding
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := recognize.CalleeFunc(pass.TypesInfo, call)
		if fn == nil || fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
			continue
		}
		fact := new(recognize.FalseSuccess)
		if !pass.ImportObjectFact(fn, fact) || tests.At(pass.Fset, call.Pos()) {
			continue
		}
		c := callers.ConsumerAt(cur)
		if c.At != nil {
			found = append(found, consumerFinding{call: call, fn: fn, fact: fact, at: c.At})
			continue
		}
		exportFacts(pass, c.Outside, fact) // passed on again: its importers judge
	}
	return found
}

// reportConsumer emits the diagnostic of a call whose caller acts on the
// nil of another package's swallow.
func (c *checker) reportConsumer(em *emitter, f consumerFinding) {
	name := f.fn.Name()
	if recv := f.fn.Signature().Recv(); recv != nil {
		if n, ok := derefNamed(recv.Type()); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	d := analysis.Diagnostic{
		Pos:      f.call.Pos(),
		End:      f.call.End(),
		Category: f.fact.Category,
		Message: fmt.Sprintf("%s.%s returns nil once its context is done (%s), and this caller goes on as if it had finished; "+
			"have it return the cancellation, and ignore it in the caller that cancels the context (no automatic fix: the swallow is in another package)",
			f.fn.Pkg().Name(), name, f.fact.Site),
		URL: readme + "category-" + f.fact.Category,
	}
	if f.at != f.call {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.at.Pos(), End: f.at.End(), Message: "the nil is taken for finished work here"})
	}
	em.emit(d)
}

// derefNamed returns the named type t is or points to.
func derefNamed(t types.Type) (*types.Named, bool) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return n, ok
}
