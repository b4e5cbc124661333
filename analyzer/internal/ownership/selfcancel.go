package ownership

// This file finds tasks whose every cancellation is their encloser's own:
// a literal that watches only contexts the function around it made from no
// parent (context.Background, TODO, WithoutCancel) with WithCancel. Nobody
// further up can cancel those; only that function, or whatever it handed
// the cancel to, does, and then the task's nil is the stop it asked for.
// buildkit's solve is the shape: a status stream on such a context, its
// cancel called from a goroutine in a deferred closure once the build is
// done, the stream's task returning nil on it.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// CancelledByEncloser reports whether fi is a literal whose every context
// is one a function around it made, without a parent and without a
// deadline: the cancellation it sees is that function's own request.
func (co *CallerOwnership) CancelledByEncloser(fi *flow.FuncInfo) bool {
	if fi.Launch == nil || fi.Sig == nil || fi.Body == nil {
		return false
	}
	for p := range fi.Sig.Params().Variables() {
		if recognize.IsContextType(p.Type()) {
			return false // handed a context by whoever calls it
		}
	}
	lit := fi.Node // the literal, or a method launched on a value built there
	seen := false
	own := true
	ast.Inspect(fi.Body, func(n ast.Node) bool {
		if !own {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if v, ok := co.info.Uses[n.Sel].(*types.Var); ok && v.IsField() && recognize.IsContextType(v.Type()) {
				// t.ctx of g.Go(task{ctx: statusCtx}.run): the value given at
				// the launch; any other field: whose cancel is not seen here.
				b := fi.Bound.Value(co.info, n)
				w, isVar := co.info.Uses[recognize.IdentOf(b)].(*types.Var)
				if b == nil || recognize.IdentOf(b) == nil || !isVar {
					own = false
					return false
				}
				seen = true
				own = co.madeWithoutParent(w)
				return false
			}
		case *ast.CallExpr:
			if recognize.IsContextType(co.info.TypeOf(n)) && !recognize.IsContextConstructor(recognize.CalleeFunc(co.info, n)) {
				own = false // r.Context(): a context from elsewhere
			}
		case *ast.Ident:
			v, ok := co.info.Uses[n].(*types.Var)
			if !ok || v.IsField() || !recognize.IsContextType(v.Type()) || (lit.Pos() <= v.Pos() && v.Pos() < lit.End()) {
				return true // not a context, or one the literal declares (derived from what it reads)
			}
			seen = true
			own = co.madeWithoutParent(v)
		}
		return true
	})
	return seen && own
}

// madeWithoutParent reports whether every value local variable v is given
// in the function that declares it is a WithCancel of a detached context,
// or a context derived from v itself (v = trace.ContextWithSpan(v, span)).
func (co *CallerOwnership) madeWithoutParent(v *types.Var) bool {
	if v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return false // a package variable: anyone may replace it
	}
	decl, ok := co.insp.Root().FindByPos(v.Pos(), v.Pos()+1)
	if !ok {
		return false
	}
	body := bodyAround(decl)
	if body == nil || !(body.Pos() <= v.Pos() && v.Pos() < body.End()) {
		return false // a parameter: the caller's context
	}
	made := false
	ok = true
	ast.Inspect(body, func(n ast.Node) bool {
		var lhs, rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			if len(n.Values) == 0 {
				return ok // var ctx context.Context: declared, given its value later
			}
			for _, name := range n.Names {
				lhs = append(lhs, name)
			}
			rhs = n.Values
		case *ast.UnaryExpr:
			if id, isID := ast.Unparen(n.X).(*ast.Ident); isID && n.Op == token.AND && co.info.Uses[id] == v {
				ok = false // &ctx: written elsewhere
			}
			return ok
		default:
			return ok
		}
		for i, l := range lhs {
			id, isID := ast.Unparen(l).(*ast.Ident)
			if !isID || co.info.ObjectOf(id) != v {
				continue
			}
			var value ast.Expr
			switch {
			case len(rhs) == len(lhs):
				value = rhs[i]
			case len(rhs) == 1:
				value = rhs[0] // ctx, cancel := context.WithCancel(…)
			}
			call, isCall := ast.Unparen(value).(*ast.CallExpr)
			if !isCall || len(call.Args) == 0 {
				ok = false
				continue
			}
			fn := recognize.CalleeFunc(co.info, call)
			switch {
			case recognize.IsFunc(fn, recognize.ContextPath, "WithCancel"), recognize.IsFunc(fn, recognize.ContextPath, "WithCancelCause"):
				if recognize.IsDetached(co.info, call.Args[0]) {
					made = true
				} else {
					ok = false // a parent's cancellation reaches it too
				}
			case !recognize.IsContextConstructor(fn) && recognize.SubjectOf(co.info, call.Args[0]) == v:
				// ctx = trace.ContextWithSpan(ctx, span): the same lineage.
			default:
				ok = false
			}
		}
		return ok
	})
	return ok && made
}
