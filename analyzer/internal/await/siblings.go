package await

// This file finds the other channels a channel group's one goroutine
// reports on (its result beside its error), whose receives await it too.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

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
