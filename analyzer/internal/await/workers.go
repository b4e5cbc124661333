package await

// This file starts channel groups held in a struct's fields from methods
// started with a bare go statement on the struct (go-zglob's fastwalk: w
// := &walker{resc: make(chan error, n)}; for … { go w.doWork() }, the
// workers sending on w.resc, the function collecting from it and
// returning on the first error while the others still walk).

import (
	"go/ast"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// methodWorker handles a use of the struct variable id holding the
// groups held that is the receiver of a go statement's method call (go
// w.doWork()): each channel group the method sends on through its
// receiver is started there; it reports false, and handles nothing, for
// any other use, or when the method may hand its receiver elsewhere.
func (gf *GroupFinder) methodWorker(info *types.Info, id *ast.Ident, stack []ast.Node, v *types.Var, byKey map[groupKey]*TaskGroup, held []*TaskGroup) bool {
	if len(stack) < 3 {
		return false
	}
	sel, ok := stack[len(stack)-1].(*ast.SelectorExpr)
	if !ok || ast.Unparen(sel.X) != id {
		return false
	}
	call, ok := stack[len(stack)-2].(*ast.CallExpr)
	if !ok || call.Fun != sel {
		return false
	}
	gs, ok := stack[len(stack)-3].(*ast.GoStmt)
	if !ok || gs.Call != call {
		return false
	}
	for _, g := range held {
		if !g.Channel {
			return false // a WaitGroup field: its Done is the method's business
		}
	}
	if s := info.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
		return false
	}
	fn, _ := info.Uses[sel.Sel].(*types.Func)
	if fn == nil {
		return false
	}
	decl := gf.decls.Of(fn.Origin())
	if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return false
	}
	recv := info.Defs[decl.Recv.List[0].Names[0]]
	if recv == nil {
		return false
	}
	sends := make(map[*types.Var]bool) // the fields the method sends on
	handsOn := false
	ast.PreorderStack(decl.Body, nil, func(n ast.Node, st []ast.Node) bool {
		rid, ok := n.(*ast.Ident)
		if !ok || info.Uses[rid] != recv || handsOn {
			return !handsOn
		}
		if len(st) == 0 {
			handsOn = true
			return false
		}
		rsel, ok := st[len(st)-1].(*ast.SelectorExpr)
		if !ok || ast.Unparen(rsel.X) != rid {
			handsOn = true // passed, stored, returned: anyone may send
			return false
		}
		s := info.Selections[rsel]
		switch {
		case s == nil:
			handsOn = true
		case s.Kind() == types.MethodVal:
			// w.walk(dir): a method of the same receiver, its sends not
			// seen; a call is no hand-off of the channel itself.
			if len(st) < 2 {
				handsOn = true
			} else if c, ok := st[len(st)-2].(*ast.CallExpr); !ok || c.Fun != rsel {
				handsOn = true
			}
		case s.Kind() == types.FieldVal:
			f, _ := s.Obj().(*types.Var)
			if len(st) >= 2 && recognize.IsErrorChan(f.Type()) {
				if send, ok := st[len(st)-2].(*ast.SendStmt); ok && send.Chan == rsel {
					sends[f] = true
				} else if !usesChanLocally(st[len(st)-2], rsel) {
					handsOn = true
				}
			}
		}
		return !handsOn
	})
	if handsOn {
		return false
	}
	for f := range sends {
		g := byKey[groupKey{v, f}]
		if g == nil {
			continue
		}
		if !containsPos(g.Starts, gs.Pos()) {
			g.Starts = append(g.Starts, gs.Pos())
		}
		if inLoop(stack[:len(stack)-3]) {
			g.fanOut[gs.Pos()] = true
		}
	}
	return true
}

// usesChanLocally reports whether parent uses the channel expression ch
// without handing it on: a receive, len or cap.
func usesChanLocally(parent ast.Node, ch ast.Expr) bool {
	switch p := parent.(type) {
	case *ast.UnaryExpr:
		return p.X == ch
	case *ast.CallExpr:
		if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok && (id.Name == "len" || id.Name == "cap") {
			return true
		}
	}
	return false
}
