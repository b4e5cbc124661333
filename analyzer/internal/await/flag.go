package await

// This file lets the owner's dataflow follow a flag that decides both
// whether tasks start and whether they are waited for:
//
//	if parallel { wg.Add(1); go work() }
//	…
//	if parallel { wg.Wait() }
//
// go-ethereum's trie committer. The flag never changes in the function, so
// on the path where it is false no task was started, whatever the path
// did before: the check clears the group's pending tasks on that edge.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// flagGuard is a boolean variable and the value it has wherever a group's
// tasks start.
type flagGuard struct {
	v   *types.Var
	val bool
}

// literalOf returns the variable that the condition e tests and the value
// that makes e true, for e of the form v, !v, !!v, ….
func literalOf(info *types.Info, e ast.Expr) (*types.Var, bool) {
	e = ast.Unparen(e)
	val := true
	for {
		u, ok := e.(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			break
		}
		e, val = ast.Unparen(u.X), !val
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return nil, false
	}
	if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return nil, false
	}
	return v, val
}

// guardOf returns the flag under whose one value every start of g lies,
// when nothing assigns that flag once the first task may have started, or
// the zero guard. A literal called in place is part of the path
// (func() { if parallel { go … } }()); any other literal is not.
func guardOf(info *types.Info, body *ast.BlockStmt, starts []token.Pos) flagGuard {
	if len(starts) == 0 {
		return flagGuard{}
	}
	var common map[flagGuard]bool
	var loops []ast.Node // loops around a start
	for _, p := range starts {
		here := make(map[flagGuard]bool)
		inLit := false
		ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
			if p < n.Pos() || p >= n.End() || inLit {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				if call, ok := stack[len(stack)-1].(*ast.CallExpr); !ok || call.Fun != n {
					inLit = true
					return false
				}
			case *ast.ForStmt, *ast.RangeStmt:
				loops = append(loops, n)
			case *ast.IfStmt:
				v, val := literalOf(info, n.Cond)
				if v == nil {
					break
				}
				if n.Body.Pos() <= p && p < n.Body.End() {
					here[flagGuard{v, val}] = true
				} else if n.Else != nil && n.Else.Pos() <= p && p < n.Else.End() {
					here[flagGuard{v, !val}] = true
				}
			}
			return true
		})
		if inLit {
			return flagGuard{}
		}
		if common == nil {
			common = here
			continue
		}
		for g := range common {
			if !here[g] {
				delete(common, g)
			}
		}
	}
	first := slices.Min(starts)
	for g := range common {
		if settled(info, body, g.v, first, loops) {
			return g
		}
	}
	return flagGuard{}
}

// settled reports whether v, a local variable or parameter (of the
// function, or captured from around it), keeps its value from first on:
// whatever assigns it in body comes before first and outside the loops
// around the starts, and nothing takes its address or assigns it in a
// literal.
func settled(info *types.Info, body *ast.BlockStmt, v *types.Var, first token.Pos, loops []ast.Node) bool {
	if v.Pkg() == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return false // a package variable: others may set it meanwhile
	}
	ok := true
	is := func(e ast.Expr) bool {
		id, isID := ast.Unparen(e).(*ast.Ident)
		return isID && info.Uses[id] == v // a declaration is in Defs, not Uses
	}
	assigns := func(e ast.Expr, stack []ast.Node) {
		if !is(e) {
			return
		}
		if e.Pos() >= first {
			ok = false
		}
		for _, n := range stack {
			if _, isLit := n.(*ast.FuncLit); isLit {
				ok = false
			}
		}
		for _, l := range loops {
			if l.Pos() <= e.Pos() && e.Pos() < l.End() {
				ok = false
			}
		}
	}
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				assigns(l, stack)
			}
		case *ast.IncDecStmt:
			assigns(n.X, stack)
		case *ast.RangeStmt:
			if n.Key != nil {
				assigns(n.Key, stack)
			}
			if n.Value != nil {
				assigns(n.Value, stack)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && is(n.X) {
				ok = false
			}
		}
		return ok
	})
	return ok
}
