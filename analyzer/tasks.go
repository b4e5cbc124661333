package analyzer

// This file finds how functions are launched: by a go statement, or passed
// to a launcher such as (*errgroup.Group).Go. A launched function's error
// reaches the code that started it, which usually also owns the context.
// Function literals passed to other calls are recorded as candidate
// callbacks (retry helpers, walkers); they become task bodies when they
// return an error and use a context they did not create.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// defaultLaunchers are the launchers known without flags, by funcName.
var defaultLaunchers = []string{
	"(*golang.org/x/sync/errgroup.Group).Go",
	"(*golang.org/x/sync/errgroup.Group).TryGo",
	"(*sync.WaitGroup).Go",
	"(*github.com/sourcegraph/conc.WaitGroup).Go",
	"(*github.com/sourcegraph/conc/pool.Pool).Go",
	"(*github.com/sourcegraph/conc/pool.ErrorPool).Go",
	"(*github.com/sourcegraph/conc/pool.ContextPool).Go",
	"(*github.com/sourcegraph/conc/pool.ResultPool).Go",
	"(*github.com/sourcegraph/conc/pool.ResultErrorPool).Go",
	"(*github.com/sourcegraph/conc/pool.ResultContextPool).Go",
	"(*github.com/sourcegraph/conc/stream.Stream).Go",
}

// launch is how a function is started.
type launch struct {
	node  ast.Node // the *ast.GoStmt, or the launcher's *ast.CallExpr
	group ast.Expr // the launcher's receiver (g of g.Go), or nil
}

// launchSet is every launch in a package.
type launchSet struct {
	lits      map[*ast.FuncLit]*launch
	funcs     map[*types.Func]*launch
	callbacks map[*ast.FuncLit]bool // literals passed to calls that are not launchers
}

// findLaunches scans the package's go statements and calls.
func findLaunches(info *types.Info, insp *inspector.Inspector, isLauncher func(*types.Func) bool) *launchSet {
	ls := &launchSet{
		lits:      make(map[*ast.FuncLit]*launch),
		funcs:     make(map[*types.Func]*launch),
		callbacks: make(map[*ast.FuncLit]bool),
	}
	var add func(fun ast.Expr, l *launch)
	add = func(fun ast.Expr, l *launch) {
		switch f := ast.Unparen(fun).(type) {
		case *ast.FuncLit:
			ls.lits[f] = l
		case *ast.Ident, *ast.SelectorExpr:
			if fn, ok := subjectOf(info, f).(*types.Func); ok {
				ls.funcs[fn.Origin()] = l
			}
		case *ast.IndexExpr: // a generic function instantiated explicitly
			add(f.X, l)
		}
	}
	for n := range insp.PreorderSeq((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := n.(type) {
		case *ast.GoStmt:
			add(n.Call.Fun, &launch{node: n})
		case *ast.CallExpr:
			if isLauncher(calleeFunc(info, n)) {
				l := &launch{node: n}
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					l.group = sel.X
				}
				for _, arg := range n.Args {
					if t := info.TypeOf(arg); t != nil && isSignature(t) {
						add(arg, l)
					}
				}
				continue
			}
			for _, arg := range n.Args {
				if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
					ls.callbacks[lit] = true
				}
			}
		}
	}
	return ls
}

// usesCapturedContext reports whether lit reads a context variable
// declared outside it.
func usesCapturedContext(info *types.Info, lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && isContextType(v.Type()) &&
				(v.Pos() < lit.Pos() || v.Pos() >= lit.End()) {
				found = true
			}
		}
		return true
	})
	return found
}

// resultChans returns the error channels, declared outside lit, that lit
// sends on and the enclosing body receives from. A channel handed out
// instead (a subscription returned to the caller) is read by whoever asked
// for the cancellation, so it is no task result.
func resultChans(info *types.Info, lit *ast.FuncLit, enclosing *ast.BlockStmt) map[types.Object]bool {
	if enclosing == nil {
		return nil
	}
	sent := make(map[types.Object]bool)
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			if id, ok := ast.Unparen(n.Chan).(*ast.Ident); ok && isErrorChan(info.TypeOf(id)) {
				if v := info.Uses[id]; v != nil && (v.Pos() < lit.Pos() || v.Pos() >= lit.End()) {
					sent[v] = true
				}
			}
		}
		return true
	})
	if len(sent) == 0 {
		return nil
	}
	// A receive in a select that also waits on a context's Done() is an
	// awaiter that handles cancellation itself: a missing send loses
	// nothing there. The channel is a result only if some receive is not.
	received := make(map[types.Object]bool)
	ast.PreorderStack(enclosing, nil, func(n ast.Node, stack []ast.Node) bool {
		var ch ast.Expr
		switch n := n.(type) {
		case *ast.FuncLit:
			return n != lit
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ch = n.X
			}
		case *ast.RangeStmt:
			ch = n.X
		}
		if id, ok := ast.Unparen(ch).(*ast.Ident); ok && sent[info.Uses[id]] && !inSelectWithDone(info, stack) {
			received[info.Uses[id]] = true
		}
		return true
	})
	if len(received) == 0 {
		return nil
	}
	return received
}

// isSignature reports whether t is a function type.
func isSignature(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// inSelectWithDone reports whether the innermost select case around the
// end of stack belongs to a select with a case that receives from a
// context's Done().
func inSelectWithDone(info *types.Info, stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 2; i-- {
		cc, ok := stack[i].(*ast.CommClause)
		if !ok {
			continue
		}
		sel, ok := stack[i-2].(*ast.SelectStmt)
		if !ok || i+1 >= len(stack) || stack[i+1] != cc.Comm {
			return false // a receive in the case's body, not its communication
		}
		for _, c := range sel.Body.List {
			if c != cc && receivesDone(info, c.(*ast.CommClause).Comm) {
				return true
			}
		}
		return false
	}
	return false
}

// receivesDone reports whether a select case's communication receives from
// a context's Done().
func receivesDone(info *types.Info, comm ast.Stmt) bool {
	u, ok := ast.Unparen(commRecv(comm)).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW && contextMethodCall(info, u.X, "Done") != nil
}

// commRecv returns the receive expression of a select case's
// communication (<-ch in `case <-ch:` or `case v := <-ch:`), or nil for a
// send or the default case.
func commRecv(comm ast.Stmt) ast.Expr {
	switch s := comm.(type) {
	case *ast.ExprStmt:
		return s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			return s.Rhs[0]
		}
	}
	return nil
}
