package ownership

// This file recognises a caller that only passes a callee's error on:
// it returns the call, or returns at once when the error is non-nil and
// returns at once when it is nil. Such a caller adds nothing between its
// callee's nil and its own return, so its callers judge the callee's nil
// as they judge its own: owners one call away reach through it.
//
//	func (w *worker) complete(ctx context.Context, id string) error {
//		return w.callWithBackoff(ctx, …)
//	}
//
//	if err := w.callWithBackoff(ctx, …); err != nil {
//		return w.fail(ctx, id, err)
//	}
//	return nil

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// passesThrough reports whether the call at cur, in a function whose
// signature is sig, hands its error straight to that function's return.
func passesThrough(info *types.Info, cur inspector.Cursor, sig *types.Signature) bool {
	call := cur.Node().(*ast.CallExpr)
	callSig := resultSignature(info, call)
	if callSig == nil || recognize.ErrorResult(sig) < 0 {
		return false
	}
	at := recognize.ErrorResult(callSig)
	if at < 0 {
		return false
	}
	switch parent := outer(cur).Parent().Node().(type) {
	case *ast.ReturnStmt:
		// return f(ctx), or return x, f(ctx) at the error's place
		if len(parent.Results) == 1 {
			return callSig.Results().Len() == sig.Results().Len()
		}
		i := recognize.ErrorResult(sig)
		return callSig.Results().Len() == 1 && i < len(parent.Results) && ast.Unparen(parent.Results[i]) == call
	case *ast.AssignStmt, *ast.ValueSpec:
		// err := f(ctx) (or var err = f(ctx)); if err != nil { return … }; return …
		l, ok := errLandingOf(info, cur)
		if !ok || l.obj == nil {
			return false
		}
		// err = f(ctx); return err (or a bare return of the named result err)
		if next, ok := l.afterTest(info); ok && l.init == nil && returnsVar(info, next.Node(), l.obj, sig) {
			return true
		}
		ifs := l.init
		if ifs == nil {
			next, ok := l.stmt.NextSibling()
			if !ok {
				return false
			}
			ifs, _ = next.Node().(*ast.IfStmt)
		}
		if ifs == nil || !returnsOnError(info, ifs, l.obj) {
			return false
		}
		// What a nil error runs next: a return, straight away.
		next, ok := l.afterTest(info)
		_, isReturn := next.Node().(*ast.ReturnStmt)
		return ok && isReturn
	}
	return false
}

// returnsOnError reports whether ifs is `if v != nil { …; return … }`
// in any spelling: v's nilness alone decides the condition either way, and
// a non-nil v takes a branch that ends in a return.
func returnsOnError(info *types.Info, ifs *ast.IfStmt, v types.Object) bool {
	if v == nil {
		return false
	}
	onNil, ok := recognize.EvalErr(info, ifs.Cond, v, true)
	if !ok {
		return false
	}
	onErr, ok := recognize.EvalErr(info, ifs.Cond, v, false)
	if !ok || onErr == onNil {
		return false
	}
	b, ok := recognize.BranchOf(ifs, onErr).(*ast.BlockStmt)
	if !ok || len(b.List) == 0 {
		return false
	}
	_, ok = b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

// returnsVar reports whether n is a return of the error variable v, in a
// function whose signature is sig: return v, return x, v at the error's
// place, or a bare return when v is the named error result.
func returnsVar(info *types.Info, n ast.Node, v types.Object, sig *types.Signature) bool {
	ret, ok := n.(*ast.ReturnStmt)
	i := recognize.ErrorResult(sig)
	if !ok || i < 0 {
		return false
	}
	if len(ret.Results) == 0 {
		return sig.Results().At(i) == v
	}
	if i >= len(ret.Results) {
		return false
	}
	id, ok := ast.Unparen(ret.Results[i]).(*ast.Ident)
	return ok && info.Uses[id] == v
}
