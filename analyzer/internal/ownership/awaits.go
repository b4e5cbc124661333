package ownership

// This file reads a launched task's awaits the way callers.go reads a
// function's callers. A task started on a local group whose every Wait
// only logs what it returns reports to a log line and nowhere else: its
// nil on cancellation changes nothing anyone acts on, so only the audit
// lists it. A wait that drops the error (_ = g.Wait()) is not taken as
// that decision: it is as often a wait written only to wait.
//
//	eg, ctx := errgroup.WithContext(ctx)
//	defer func() {
//		if err := eg.Wait(); err != nil && !errors.Is(err, context.Canceled) {
//			log.Printf("monitor: %v", err)
//		}
//	}()
//	eg.Go(func() error { … case <-ctx.Done(): return nil … })

import (
	"go/ast"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// AwaitsOnlyLog reports whether fi is launched on a group held in a local
// variable that is used for nothing but starting tasks and waiting, and
// whose every Wait only logs the error.
func (co *CallerOwnership) AwaitsOnlyLog(fi *flow.FuncInfo) bool {
	if fi.Launch == nil || fi.Launch.Group == nil {
		return false
	}
	// The group: a local variable g, or a field s.g of a local struct.
	group := ast.Unparen(fi.Launch.Group)
	var field *types.Var
	if sel, ok := group.(*ast.SelectorExpr); ok {
		field, _ = co.info.Uses[sel.Sel].(*types.Var)
		group = ast.Unparen(sel.X)
	}
	id, ok := group.(*ast.Ident)
	if !ok || field != nil && !field.IsField() {
		return false
	}
	v, ok := co.info.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || v.Parent() == co.pkg.Scope() {
		return false
	}
	waits := 0
	for _, use := range co.varRefsOf(v) {
		cur, ok := co.insp.Root().FindByPos(use.Pos(), use.End())
		if !ok || cur.Node() != use {
			return false
		}
		ref := outer(cur) // (g).Wait()
		if field != nil {
			// s.g: any other use of s may reach the group.
			sel, ok := ref.Parent().Node().(*ast.SelectorExpr)
			if !ok || sel.X != ref.Node() || co.info.Uses[sel.Sel] != field {
				return false
			}
			ref = outer(ref.Parent())
		}
		if as, ok := ref.Parent().Node().(*ast.AssignStmt); ok && recognize.AssignedBy(as, ref.Node()) {
			continue // eg, ctx = errgroup.WithContext(ctx): made here, not used
		}
		sel, ok := ref.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != ref.Node() {
			return false // handed on, stored, or copied: someone else may wait
		}
		switch sel.Sel.Name {
		case "Go", "TryGo", "SetLimit":
			continue
		case "Wait":
			call := ref.Parent().Parent()
			if c, ok := call.Node().(*ast.CallExpr); !ok || c.Fun != sel {
				return false
			}
			if !onlyLogsError(co.info, call) {
				return false
			}
			waits++
		default:
			return false
		}
	}
	return waits > 0
}

// varRefsOf returns the identifiers that use v, indexed on first use.
func (co *CallerOwnership) varRefsOf(v *types.Var) []*ast.Ident {
	if co.varRefs == nil {
		co.varRefs = make(map[*types.Var][]*ast.Ident)
		for id, obj := range co.info.Uses {
			if w, ok := obj.(*types.Var); ok && !w.IsField() {
				co.varRefs[w] = append(co.varRefs[w], id)
			}
		}
		for _, ids := range co.varRefs {
			byPos(ids)
		}
	}
	return co.varRefs[v]
}

// EndsWithLauncher reports whether the context test t observes in fi, a
// goroutine that reports on channels, is one its launcher made detached and
// cancels only by a deferred call (endsOnlyOnReturn): it ends only after
// the launcher stopped reading, and the goroutine's silence then reaches no
// one. A goroutine a test starts is the test's.
func (co *CallerOwnership) EndsWithLauncher(fi *flow.FuncInfo, t *recognize.CancelTest) bool {
	gs, isGo := fi.Launch.Stmt().(*ast.GoStmt)
	if !fi.ChanMode() || !isGo || t == nil || !t.OnContext() {
		return false
	}
	if co.tests.At(co.fset, gs.Pos()) {
		return true // started by a test, which owns the contexts it makes
	}
	start, ok := co.insp.Root().FindNode(gs)
	if !ok {
		return false
	}
	var launcher *ast.BlockStmt
	for c := range start.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch f := recognize.EffectiveFunc(c).Node().(type) {
		case *ast.FuncDecl:
			launcher = f.Body
		case *ast.FuncLit:
			launcher = f.Body
		}
		break
	}
	ctx := t.Subject
	if fi.Obj != nil {
		// go report(ctx, errc): the argument given for the parameter.
		ctx = nil
		for i := range fi.Sig.Params().Len() {
			if fi.Sig.Params().At(i) == t.Subject && i < len(gs.Call.Args) {
				ctx = recognize.SubjectOf(co.info, gs.Call.Args[i])
			}
		}
	}
	return endsOnlyOnReturn(co.info, launcher, ctx)
}
