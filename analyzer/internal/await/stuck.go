package await

// This file tells a leak that never ends from one that only runs on: a
// goroutine that sends its result on an unbuffered channel the function
// made blocks forever once the function has returned without receiving it
// (gval#107: select { case <-ctx.Done(): return nil, ctx.Err(); case err :=
// <-errCh: … }). Buffering the channel for the one result lets it finish,
// as the maintainers did.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// chanMake returns the make call of e when it makes a channel, with its
// buffer's size when that is a constant (-1 otherwise).
func chanMake(info *types.Info, e ast.Expr) (*ast.CallExpr, int) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, -1
	}
	if b, ok := info.Uses[calleeIdent(call)].(*types.Builtin); !ok || b.Name() != "make" {
		return nil, -1
	}
	if _, ok := types.Unalias(info.TypeOf(call)).Underlying().(*types.Chan); !ok {
		return nil, -1
	}
	if len(call.Args) == 1 {
		return call, 0
	}
	if tv, ok := info.Types[call.Args[1]]; ok && tv.Value != nil {
		if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
			return call, int(n)
		}
	}
	return call, -1
}

// blocksForever reports whether g's goroutines, one literal started once
// or in a loop, send on g's unbuffered channel on every path, with
// nothing else to give up on: once the function returns without
// receiving, those whose result it did not take never end.
func (g *TaskGroup) blocksForever(info *types.Info) bool {
	if !g.Channel || g.made == nil || g.capacity != 0 || len(g.Starts) != 1 || len(g.Tasks) != 1 {
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
	if receivesInput(info, g.Tasks[0]) {
		// for line := range logChan { … }; errChan <- err: it may wait for
		// its input first, which the function feeds or closes only after
		// this return (podman's log writer).
		return false
	}
	// A goroutine that reports only a failure (a server's) lives on
	// serving: its send is not what keeps it.
	results := g.resultChans(info)
	return mustSend(info, g.Tasks[0].Body.List, func(v types.Object) bool { return results[v] })
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

// resultChans returns the channels g's one goroutine reports on: g's own
// and the siblings it sends its other results on.
func (g *TaskGroup) resultChans(info *types.Info) map[types.Object]bool {
	out := map[types.Object]bool{g.Obj: true}
	for _, v := range g.siblings {
		out[v] = true
	}
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

// siblingWaits adds to the channel group g, whose one goroutine is a
// literal, the function's receives on the other channels made here that
// only that goroutine sends on: snapshot readers send either an error on
// errCh or the result on metaCh, and a receive on metaCh awaits them.
func (g *TaskGroup) siblingWaits(info *types.Info, body *ast.BlockStmt) {
	lit := g.Tasks[0]
	sent := make(map[*types.Var]bool)
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if s, ok := n.(*ast.SendStmt); ok {
			if id, ok := ast.Unparen(s.Chan).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && v != g.Obj && body.Pos() <= v.Pos() && v.Pos() < lit.Pos() {
					sent[v] = true
				}
			}
		}
		return true
	})
	if len(sent) == 0 {
		return
	}
	// Any other use of a sibling (a send elsewhere, a hand-off, a
	// receive in another literal) and it is not the goroutine's alone.
	recvs := make(map[*types.Var][]token.Pos)
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || len(stack) == 0 {
			return true
		}
		v, _ := info.Uses[id].(*types.Var)
		switch parent := stack[len(stack)-1].(type) {
		case nil:
		case *ast.SendStmt:
			if !sent[v] || inLitBody(stack, lit) {
				return true
			}
		case *ast.UnaryExpr:
			if sent[v] && parent.Op == token.ARROW && !inNestedLit(stack) {
				recvs[v] = append(recvs[v], parent.Pos())
				return true
			}
		case *ast.AssignStmt:
			if sent[v] && slices.Contains(parent.Lhs, ast.Expr(id)) {
				return true // metaCh = make(…)
			}
		}
		delete(sent, v)
		return true
	})
	for v := range sent {
		g.siblings = append(g.siblings, v)
		g.waits = append(g.waits, recvs[v]...)
	}
}

// inLitBody reports whether stack runs inside lit.
func inLitBody(stack []ast.Node, lit *ast.FuncLit) bool {
	return slices.Contains(stack, ast.Node(lit))
}

// BufferFix returns the make call to give a buffer of one, when that lets
// g's goroutine finish: it blocks forever otherwise, and sends its one
// result at most once (see sendsOnce).
func (g *TaskGroup) BufferFix(info *types.Info) *ast.CallExpr {
	if !g.blocksForever(info) || !g.sendsOnce(info) {
		return nil
	}
	return g.made
}

// endsOnItsOwn reports whether g's goroutine, started once, has room in
// the channel's buffer for the one result it sends on every path: it
// finishes whether or not the function receives it (gval after its fix).
func (g *TaskGroup) endsOnItsOwn(info *types.Info) bool {
	if !g.Channel || g.made == nil || g.capacity < 1 || len(g.Tasks) != 1 || !g.sendsOnce(info) {
		return false
	}
	for _, s := range g.sends(info, g.Tasks[0]) {
		if s.inSelect {
			return false
		}
	}
	results := g.resultChans(info)
	return mustSend(info, g.Tasks[0].Body.List, func(v types.Object) bool { return results[v] })
}

// sendsOnce reports whether g's one goroutine, started once, sends on g's
// channel alone and at most once on any run: one send outside loops, or
// sends that each end the goroutine (the last statement, or followed by
// a return), with sends in a deferred recover handler too — those run
// only when it panicked, before any of the others.
func (g *TaskGroup) sendsOnce(info *types.Info) bool {
	if len(g.Starts) != 1 || len(g.Tasks) != 1 || len(g.fanOut) > 0 || len(g.siblings) > 0 {
		return false // one buffer slot is not enough for many, nor for another channel
	}
	var plain []chanSend
	recovering := false
	for _, s := range g.sends(info, g.Tasks[0]) {
		switch {
		case s.inLoop:
			return false
		case s.recovering:
			recovering = true
		default:
			plain = append(plain, s)
		}
	}
	if len(plain) == 1 && !recovering {
		return true
	}
	for _, s := range plain {
		if !s.last {
			return false
		}
	}
	return len(plain) > 0
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
