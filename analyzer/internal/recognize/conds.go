package recognize

// This file reads conditions the same however they are written: through
// parentheses and negation, and with the branches of an if either way
// round. `if err != nil { return err }` and `if !(err != nil) {} else {
// return err }` say one thing to every rule that reads them.

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Atom is an operand of a condition and the value it has.
type Atom struct {
	Expr  ast.Expr
	Holds bool
}

// Implied returns the operands whose values follow from cond having the
// value holds: a conjunction's operands when it holds, a disjunction's
// when it fails, through parentheses and negation; otherwise cond itself.
func Implied(cond ast.Expr, holds bool) []Atom {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return Implied(e.X, !holds)
		}
	case *ast.BinaryExpr:
		if e.Op == token.LAND && holds || e.Op == token.LOR && !holds {
			return append(Implied(e.X, holds), Implied(e.Y, holds)...)
		}
	}
	return []Atom{{ast.Unparen(cond), holds}}
}

// IsNilTest returns, if e compares the variable v with nil, whether it
// holds when v is nil: true for v == nil, false for v != nil.
func IsNilTest(info *types.Info, e ast.Expr, v types.Object) (holdsOnNil, ok bool) {
	b, isBin := ast.Unparen(e).(*ast.BinaryExpr)
	if !isBin || b.Op != token.EQL && b.Op != token.NEQ {
		return false, false
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if IsNil(info, x) {
		x, y = y, x
	}
	id, isID := x.(*ast.Ident)
	if !isID || info.Uses[id] != v || !IsNil(info, y) {
		return false, false
	}
	return b.Op == token.EQL, true
}

// EvalErr returns the value cond has when the error variable v is nil
// (isNil) or not, if that alone decides it: v == nil and v != nil are
// decided either way, errors.Is(v, target) and errors.As(v, &t) only for a
// nil error (false), and negations, conjunctions and disjunctions of them
// as far as they decide.
func EvalErr(info *types.Info, cond ast.Expr, v types.Object, isNil bool) (value, known bool) {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			val, ok := EvalErr(info, e.X, v, isNil)
			return !val, ok
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND, token.LOR:
			x, xok := EvalErr(info, e.X, v, isNil)
			y, yok := EvalErr(info, e.Y, v, isNil)
			short := e.Op == token.LOR // the value that decides alone
			switch {
			case xok && x == short, yok && y == short:
				return short, true
			case xok && yok:
				return !short, true
			}
			return false, false
		}
		if onNil, ok := IsNilTest(info, e, v); ok {
			return onNil == isNil, true
		}
	case *ast.CallExpr:
		fn := CalleeFunc(info, e)
		if isNil && fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "errors" && (fn.Name() == "Is" || fn.Name() == "As") && len(e.Args) == 2 {
			if id, ok := ast.Unparen(e.Args[0]).(*ast.Ident); ok && info.Uses[id] == v && !IsNil(info, e.Args[1]) {
				return false, true
			}
		}
	}
	return false, false
}

// BranchOf returns the branch of ifs that a condition value takes: its
// body, its else (a block or another if), or nil when there is no else.
func BranchOf(ifs *ast.IfStmt, value bool) ast.Stmt {
	if value {
		return ifs.Body
	}
	return ifs.Else
}

// IsEmptyBranch reports whether s is absent or an empty block.
func IsEmptyBranch(s ast.Stmt) bool {
	if s == nil {
		return true
	}
	b, ok := s.(*ast.BlockStmt)
	return ok && len(b.List) == 0
}
