package analyzer

// This file finds owners one call away. An unexported function that is
// only ever called, in its package, with a context that each caller has
// just created and causes to end (ctx, cancel := context.WithTimeout(…);
// defer cancel(); return x.capture(ctx)) is a piece of those owners,
// factored out: what they own, it owns, and its suppression is theirs.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// callerOwnership answers, for the functions of one package, what every
// caller owns of the context it passes.
type callerOwnership struct {
	fset  *token.FileSet
	info  *types.Info
	insp  *inspector.Inspector
	refs  map[*types.Func][]*ast.Ident // made on first use
	cache map[*types.Func]sentinels
}

func newCallerOwnership(fset *token.FileSet, info *types.Info, insp *inspector.Inspector) *callerOwnership {
	return &callerOwnership{fset: fset, info: info, insp: insp, cache: make(map[*types.Func]sentinels)}
}

// owned returns the sentinels that every caller of fi owns of the one
// context fi receives as a parameter, where s is about that context: none
// when fi is exported, a literal, launched, has no single context
// parameter, or is referred to other than by a direct call, and none for
// an observation of another context.
func (co *callerOwnership) owned(fi *funcInfo, s *swallow) sentinels {
	fn := fi.obj
	if fn == nil || fn.Exported() || fi.launch != nil || s.category == catOwner {
		return 0
	}
	if t := s.test; t != nil && t.onContext() {
		if v, ok := t.subject.(*types.Var); !ok || !isParam(fi.sig, v) {
			return 0
		}
	}
	if owned, ok := co.cache[fn]; ok {
		return owned
	}
	owned := co.compute(fn, fi.sig)
	co.cache[fn] = owned
	return owned
}

func (co *callerOwnership) compute(fn *types.Func, sig *types.Signature) sentinels {
	at := -1
	for i := range sig.Params().Len() {
		if isContextType(sig.Params().At(i).Type()) {
			if at >= 0 {
				return 0
			}
			at = i
		}
	}
	if at < 0 || sig.Variadic() && at == sig.Params().Len()-1 {
		return 0
	}
	if co.refs == nil {
		co.refs = make(map[*types.Func][]*ast.Ident)
		for id, obj := range co.info.Uses {
			if f, ok := obj.(*types.Func); ok {
				co.refs[f.Origin()] = append(co.refs[f.Origin()], id)
			}
		}
	}
	refs := co.refs[fn]
	if len(refs) == 0 || sig.Recv() != nil && co.calledThroughInterface(fn.Name()) {
		return 0
	}
	all := sentAny
	for _, id := range refs {
		all &= co.atCall(id, at)
		if all == 0 {
			break
		}
	}
	return all
}

// calledThroughInterface reports whether the package calls an interface
// method of that name: a method may then be reached by callers that never
// name it.
func (co *callerOwnership) calledThroughInterface(name string) bool {
	for f := range co.refs {
		if f.Name() != name {
			continue
		}
		if recv := f.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
			return true
		}
	}
	return false
}

// isParam reports whether v is a parameter of sig.
func isParam(sig *types.Signature, v *types.Var) bool {
	for p := range sig.Params().Variables() {
		if p == v {
			return true
		}
	}
	return false
}

// atCall returns what the function around the call that id names owns of
// the context it passes as argument at; 0 if id is not a call's callee.
func (co *callerOwnership) atCall(id *ast.Ident, at int) sentinels {
	cur, ok := co.insp.Root().FindByPos(id.Pos(), id.End())
	if !ok || cur.Node() != id {
		return 0
	}
	callee := cur
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
		callee = cur.Parent()
	}
	call, ok := callee.Parent().Node().(*ast.CallExpr)
	if !ok || ast.Unparen(call.Fun) != callee.Node() || at >= len(call.Args) {
		return 0
	}
	if f := co.fset.File(id.Pos()); f != nil && strings.HasSuffix(f.Name(), "_test.go") {
		return sentAny // tests own the contexts they make and hand on
	}
	for c := range callee.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		caller := funcInfoOf(co.info, c)
		if caller == nil {
			return 0
		}
		own := ownershipOf(co.info, caller)
		if !own.received {
			return sentAny // main, or a Stop that cancels and waits
		}
		if arg, ok := ast.Unparen(call.Args[at]).(*ast.Ident); ok {
			return own.created[co.info.Uses[arg]]
		}
		return 0
	}
	return 0
}

// funcInfoOf describes the function at c for its ownership, task or not,
// or returns nil.
func funcInfoOf(info *types.Info, c inspector.Cursor) *funcInfo {
	fi := &funcInfo{info: info, node: c.Node()}
	switch n := c.Node().(type) {
	case *ast.FuncDecl:
		if n.Body == nil {
			return nil
		}
		fi.body = n.Body
		if fn, ok := info.Defs[n.Name].(*types.Func); ok {
			fi.sig, _ = fn.Type().(*types.Signature)
		}
	case *ast.FuncLit:
		fi.body = n.Body
		fi.sig, _ = info.TypeOf(n).(*types.Signature)
	default:
		return nil
	}
	if fi.sig == nil {
		return nil
	}
	fi.errIdx = errorResult(fi.sig)
	return fi
}
