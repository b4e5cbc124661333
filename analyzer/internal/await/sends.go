package await

// This file reads what a goroutine does with a result channel: where it
// sends (in place-run and deferred literals too, recover handlers apart),
// whether it sends on every path and at most once, and whether it waits
// for input first.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

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

// mustSend reports whether running list sends on one of the channels
// result accepts on every path that ends: a send at its top level, or in
// both branches of an if, before any return that does not follow one.
func mustSend(info *types.Info, list []ast.Stmt, result func(types.Object) bool) bool {
	for _, s := range list {
		switch s := s.(type) {
		case *ast.SendStmt:
			if id, ok := ast.Unparen(s.Chan).(*ast.Ident); ok && result(info.Uses[id]) {
				return true
			}
		case *ast.ReturnStmt:
			return false
		case *ast.BlockStmt:
			if mustSend(info, s.List, result) {
				return true
			}
		case *ast.IfStmt:
			var elseList []ast.Stmt
			switch e := s.Else.(type) {
			case *ast.BlockStmt:
				elseList = e.List
			case *ast.IfStmt:
				elseList = []ast.Stmt{e}
			}
			inBody, inElse := mustSend(info, s.Body.List, result), mustSend(info, elseList, result)
			switch {
			case inBody && inElse:
				return true
			case !inBody && returns(s.Body), !inElse && s.Else != nil && returns(s.Else):
				return false // a branch leaves without a send
			}
			continue
		case *ast.LabeledStmt:
			if mustSend(info, []ast.Stmt{s.Stmt}, result) {
				return true
			}
		}
		if returns(s) {
			return false // a way out, on some path, before a send
		}
	}
	return false
}

// returns reports whether s holds a return statement of its own function.
func returns(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}

// receivesInput reports whether the goroutine lit receives from a
// channel (a receive, or a range over one) other than a context's Done.
func receivesInput(info *types.Info, lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && recognize.ContextMethodCall(info, n.X, "Done") == nil {
				found = true
			}
		case *ast.RangeStmt:
			if _, ok := types.Unalias(info.TypeOf(n.X)).Underlying().(*types.Chan); ok {
				found = true
			}
		}
		return !found
	})
	return found
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
