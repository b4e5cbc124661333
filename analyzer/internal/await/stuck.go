package await

// This file tells a leak that never ends from one that only runs on: a
// goroutine that sends its result on an unbuffered channel the function
// made blocks forever once the function has returned without receiving it
// (gval#107: select { case <-ctx.Done(): return nil, ctx.Err(); case err :=
// <-errCh: … }). Buffering the channel for the one result lets it finish,
// as the maintainers did.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// unbufferedMake returns the make call of e when it makes a channel
// without a buffer: make(chan T) or make(chan T, 0).
func unbufferedMake(info *types.Info, e ast.Expr) *ast.CallExpr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if b, ok := info.Uses[calleeIdent(call)].(*types.Builtin); !ok || b.Name() != "make" {
		return nil
	}
	if _, ok := types.Unalias(info.TypeOf(call)).Underlying().(*types.Chan); !ok {
		return nil
	}
	switch len(call.Args) {
	case 1:
		return call
	case 2:
		if tv, ok := info.Types[call.Args[1]]; ok && tv.Value != nil && tv.Value.String() == "0" {
			return call
		}
	}
	return nil
}

// BlocksForever reports whether g is one goroutine, started once, whose
// every send on g's unbuffered channel waits for a receiver with nothing
// else to give up on: once the function returns without receiving, it
// never ends.
func (g *TaskGroup) BlocksForever(info *types.Info) bool {
	if !g.Channel || g.unbuffered == nil || len(g.Starts) != 1 || len(g.Tasks) != 1 || len(g.fanOut) > 0 {
		return false
	}
	sends := g.sends(info, g.Tasks[0])
	if len(sends) == 0 {
		return false
	}
	for _, s := range sends {
		if s.inSelect {
			return false
		}
	}
	return true
}

// BufferFix returns the make call to give a buffer of one, when that lets
// g's goroutine finish: it blocks forever otherwise, and sends at most
// once on any run. That holds for one send outside loops, or for sends
// that each end the goroutine (the last statement, or followed by a
// return), with sends in a deferred recover handler too: those run only
// when it panicked, before any of the others.
func (g *TaskGroup) BufferFix(info *types.Info) *ast.CallExpr {
	if !g.BlocksForever(info) {
		return nil
	}
	var plain []chanSend
	recovering := false
	for _, s := range g.sends(info, g.Tasks[0]) {
		switch {
		case s.inLoop:
			return nil
		case s.recovering:
			recovering = true
		default:
			plain = append(plain, s)
		}
	}
	if len(plain) == 1 && !recovering {
		return g.unbuffered
	}
	for _, s := range plain {
		if !s.last {
			return nil
		}
	}
	return g.unbuffered
}

// chanSend is a send on a group's channel in a task.
type chanSend struct {
	stmt       *ast.SendStmt
	inSelect   bool // a select case, which may give up
	inLoop     bool
	recovering bool // in a deferred literal, under if recover() != nil
	last       bool // in the task itself, and nothing runs after it
}

// sends returns the sends on g's channel in the task literal lit and in
// the literals it defers or calls in place.
func (g *TaskGroup) sends(info *types.Info, lit *ast.FuncLit) []chanSend {
	var out []chanSend
	recovered := recoveredVars(info, lit)
	ast.PreorderStack(lit.Body, []ast.Node{lit}, func(n ast.Node, stack []ast.Node) bool {
		s, ok := n.(*ast.SendStmt)
		if !ok {
			return true
		}
		inner, at := innermostLitAt(stack)
		if outer, _ := runInPlace(stack, inner, at); outer != lit {
			return true // another goroutine's, or a callback's
		}
		if id, ok := ast.Unparen(s.Chan).(*ast.Ident); !ok || info.Uses[id] != types.Object(g.Obj) {
			return true
		}
		cs := chanSend{stmt: s}
		if cc, ok := stack[len(stack)-1].(*ast.CommClause); ok && cc.Comm == s {
			cs.inSelect = true
		}
		for i := len(stack) - 1; i > 0; i-- {
			switch n := stack[i].(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				cs.inLoop = true
			case *ast.IfStmt:
				if inner != lit && i+1 < len(stack) && onlyWhenRecovered(info, n, stack[i+1] == n.Body, recovered) {
					cs.recovering = true
				}
			}
		}
		cs.last = inner == lit && endsRun(lit, s, stack)
		out = append(out, cs)
		return true
	})
	return out
}

// endsRun reports whether nothing in lit runs after statement s, at the
// end of stack: it is the last statement of each block around it up to
// lit's body, or directly followed by a return.
func endsRun(lit *ast.FuncLit, s ast.Stmt, stack []ast.Node) bool {
	var child ast.Node = s
	for i := len(stack) - 1; i >= 0; i-- {
		var list []ast.Stmt
		switch n := stack[i].(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.LabeledStmt:
			child = n
			continue
		case *ast.FuncLit:
			return n == lit
		default:
			return false // a loop, or another statement's part
		}
		at := slices.Index(list, child.(ast.Stmt))
		switch {
		case at < 0:
			return false
		case at < len(list)-1:
			_, ret := list[at+1].(*ast.ReturnStmt)
			return ret
		}
		child = stack[i]
	}
	return false
}

// recoveredVars returns the variables in lit given what recover()
// returns.
func recoveredVars(info *types.Info, lit *ast.FuncLit) map[types.Object]bool {
	vars := make(map[types.Object]bool)
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 && isRecoverCall(info, n.Rhs[0]) {
				if id := recognize.IdentOf(n.Lhs[0]); id != nil && info.ObjectOf(id) != nil {
					vars[info.ObjectOf(id)] = true
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 1 && len(n.Values) == 1 && isRecoverCall(info, n.Values[0]) {
				vars[info.Defs[n.Names[0]]] = true
			}
		}
		return true
	})
	return vars
}

// onlyWhenRecovered reports whether the branch of s (its body, or its
// else) runs only when recover() returned non-nil: if r != nil { … },
// if r == nil { … } else { … }, or recover() != nil itself.
func onlyWhenRecovered(info *types.Info, s *ast.IfStmt, inBody bool, recovered map[types.Object]bool) bool {
	cond, negated := ast.Unparen(s.Cond), false
	for {
		u, ok := cond.(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			break
		}
		cond, negated = ast.Unparen(u.X), !negated
	}
	if b, ok := cond.(*ast.BinaryExpr); ok && (b.Op == token.NEQ || b.Op == token.EQL) {
		x, y := b.X, b.Y
		if recognize.IsNil(info, x) {
			x, y = y, x
		}
		if isRecoverCall(info, x) && recognize.IsNil(info, y) {
			return inBody == ((b.Op == token.NEQ) != negated)
		}
	}
	for v := range recovered {
		if holds, known := recognize.EvalErr(info, s.Cond, v, true); known {
			return inBody == !holds
		}
	}
	return false
}

// isRecoverCall reports whether e calls the recover builtin.
func isRecoverCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	b, ok := info.Uses[calleeIdent(call)].(*types.Builtin)
	return ok && b.Name() == "recover"
}
