package flow

// This file follows the lineage of context fields: a type that keeps a
// context with its cancel owns what its cancel causes, but when the
// context it keeps was derived from one it was handed (pond's
// GroupContext: ctx, cancel := context.WithCancel(ctx); &Group{ctx: ctx,
// cancel: cancel}), the parent's cancellation reaches its methods too,
// and is not the type's to suppress.

import (
	"go/ast"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// DerivedField reports whether the package stores in the context field v
// a context derived from another that is not detached: the call that
// derives it, or a local variable given that call's context.
func (x *ValueIndex) DerivedField(v *types.Var) bool {
	if x.derivedFields == nil {
		x.derivedFields = make(map[*types.Var]bool)
		for _, f := range x.files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					x.derivedStores(n.Lhs, n.Rhs)
				case *ast.CompositeLit:
					recognize.EachFieldValue(x.info, n, func(f *types.Var, v ast.Expr) {
						if x.derivedValue(v) {
							x.derivedFields[f] = true
						}
					})
				}
				return true
			})
		}
	}
	return x.derivedFields[v]
}

// derivedStores records the context fields an assignment stores derived
// contexts in: s.ctx = ctx, or s.ctx, s.cancel = context.WithCancel(parent).
func (x *ValueIndex) derivedStores(lhs, rhs []ast.Expr) {
	field := func(e ast.Expr) *types.Var {
		if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
			if fv, ok := x.info.Uses[sel.Sel].(*types.Var); ok && fv.IsField() && recognize.IsContextType(fv.Type()) {
				return fv
			}
		}
		return nil
	}
	if len(lhs) == len(rhs) {
		for i, l := range lhs {
			if fv := field(l); fv != nil && x.derivedValue(rhs[i]) {
				x.derivedFields[fv] = true
			}
		}
		return
	}
	if len(rhs) == 1 && derivingCall(x.info, rhs[0]) {
		for _, l := range lhs {
			if fv := field(l); fv != nil {
				x.derivedFields[fv] = true
			}
		}
	}
}

// derivedValue reports whether e is a context derived from one not
// detached: the deriving call itself, or a local given its context.
func (x *ValueIndex) derivedValue(e ast.Expr) bool {
	if !recognize.IsContextType(x.info.TypeOf(e)) {
		return false
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		v, _ := x.info.Uses[id].(*types.Var)
		return v != nil && x.derivedLocal(v)
	}
	return derivingCall(x.info, e)
}

// derivedLocal reports whether some assignment in the function declaring
// the local variable v gives it a context derived from a live one.
func (x *ValueIndex) derivedLocal(v *types.Var) bool {
	d := x.DeclAt(v.Pos())
	if d == nil || v.IsField() {
		return false
	}
	found := false
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && x.info.ObjectOf(id) == v
	}
	check := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			switch {
			case !is(l):
			case len(lhs) == len(rhs):
				found = found || derivingCall(x.info, rhs[i])
			case len(rhs) == 1:
				found = found || derivingCall(x.info, rhs[0])
			}
		}
	}
	ast.Inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			check(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			check(recognize.SpecNames(n), n.Values)
		}
		return !found
	})
	return found
}

// derivingCall reports whether e calls a context constructor on a
// context that is not detached (context.WithCancel(ctx), not of
// context.Background()).
func derivingCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !recognize.IsContextConstructor(recognize.CalleeFunc(info, call)) || len(call.Args) == 0 {
		return false
	}
	return recognize.IsContextType(info.TypeOf(call.Args[0])) && !recognize.IsDetached(info, call.Args[0])
}
