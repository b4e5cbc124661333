package metamorph

// Parentheses around conditions, values and arguments.

import (
	"go/ast"
)

// paren returns the edits that parenthesise each of es.
func paren(es ...ast.Expr) []Edit {
	var edits []Edit
	for _, e := range es {
		edits = append(edits, Insert(e.Pos(), Text("(")), Insert(e.End(), Text(")")))
	}
	return edits
}

// parenCond: if c {…} → if (c) {…}; also for conditions, switch tags and
// case expressions.
func parenCond(f *File) []Site {
	var sites []Site
	add := func(es ...ast.Expr) {
		if len(es) > 0 && es[0] != nil {
			sites = append(sites, Site{Edits: paren(es...)})
		}
	}
	f.Inspect(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			add(n.Cond)
		case *ast.ForStmt:
			add(n.Cond)
		case *ast.SwitchStmt:
			add(n.Tag)
			for _, c := range n.Body.List {
				add(c.(*ast.CaseClause).List...)
			}
		}
		return true
	})
	return sites
}

// parenValue: return x, nil → return (x), (nil); also for the values of
// assignments, declarations and sends.
func parenValue(f *File) []Site {
	var sites []Site
	add := func(es ...ast.Expr) {
		if len(es) > 0 && !(len(es) == 1 && f.IsTuple(es[0])) {
			sites = append(sites, Site{Edits: paren(es...)})
		}
	}
	f.Inspect(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ReturnStmt:
			add(n.Results...)
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				add(n.Rhs...)
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				add(n.Values...)
			}
		case *ast.SendStmt:
			add(n.Value)
		}
		return true
	})
	return sites
}

// parenArgs: f(x, y) → f((x), (y)), for arguments that are values.
func parenArgs(f *File) []Site {
	var sites []Site
	f.Inspect(func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 || (len(call.Args) == 1 && f.IsTuple(call.Args[0])) {
			return true
		}
		var args []ast.Expr
		for _, a := range call.Args {
			if tv, ok := f.Info.Types[a]; ok && tv.IsValue() {
				args = append(args, a)
			}
		}
		if len(args) > 0 {
			sites = append(sites, Site{Edits: paren(args...)})
		}
		return true
	})
	return sites
}
