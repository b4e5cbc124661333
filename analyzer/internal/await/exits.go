package await

// This file finds the functions whose return ends the process — main, a
// CLI command's handlers, and what only they call — where tasks left
// running end with it, so that no leak there is reported.

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// onlyMainCalls returns the functions whose return ends the process:
// main, in package main, the command handlers of a CLI (functions given
// only as a cobra.Command's Run or RunE: the process exits once they
// return, vitess's zk zip), and the functions of the package that only
// these call.
func onlyMainCalls(pkg *types.Package, info *types.Info, insp *inspector.Inspector) map[*types.Func]bool {
	out := commandHandlers(pkg, info, insp)
	if pkg.Name() == "main" {
		if main, ok := pkg.Scope().Lookup("main").(*types.Func); ok {
			out[main] = true
		}
	}
	if len(out) == 0 {
		return out
	}
	// Who refers to each function of the package.
	refs := make(map[*types.Func][]*types.Func)
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		caller, _ := info.Defs[decl.Name].(*types.Func)
		ast.Inspect(decl, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if fn, ok := info.Uses[id].(*types.Func); ok && fn.Pkg() == pkg {
					refs[fn] = append(refs[fn], caller)
				}
			}
			return true
		})
	}
	for changed := true; changed; {
		changed = false
		for fn, callers := range refs {
			if out[fn] || fn.Exported() && fn.Signature().Recv() != nil {
				continue
			}
			all := len(callers) > 0
			for _, c := range callers {
				all = all && c != nil && out[c]
			}
			if all {
				out[fn] = true
				changed = true
			}
		}
	}
	return out
}

// commandHandlers returns the unexported functions of the package that
// are used only as the Run or RunE of a cobra.Command
// (&cobra.Command{RunE: commandZip}, or cmd.RunE = commandZip).
func commandHandlers(pkg *types.Package, info *types.Info, insp *inspector.Inspector) map[*types.Func]bool {
	out := make(map[*types.Func]bool)
	handler := make(map[*types.Func]int) // uses as a handler
	uses := make(map[*types.Func]int)
	for _, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() == pkg && !fn.Exported() && fn.Signature().Recv() == nil {
			uses[fn]++
		}
	}
	if len(uses) == 0 {
		return out
	}
	value := func(field ast.Expr, v ast.Expr) {
		id, ok := ast.Unparen(v).(*ast.Ident)
		if !ok {
			return
		}
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || uses[fn] == 0 {
			return
		}
		if f, ok := info.ObjectOf(recognize.IdentOf(field)).(*types.Var); ok && isCommandRun(f) {
			handler[fn]++
		}
	}
	for cur := range insp.Root().Preorder((*ast.KeyValueExpr)(nil), (*ast.AssignStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.KeyValueExpr:
			value(n.Key, n.Value)
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
						value(sel.Sel, n.Rhs[i])
					}
				}
			}
		}
	}
	for fn, n := range handler {
		if n == uses[fn] {
			out[fn] = true
		}
	}
	return out
}

// isCommandRun reports whether f is the Run or RunE field of
// github.com/spf13/cobra's Command.
func isCommandRun(f *types.Var) bool {
	if !f.IsField() || f.Pkg() == nil || f.Pkg().Path() != "github.com/spf13/cobra" {
		return false
	}
	return f.Name() == "Run" || f.Name() == "RunE"
}

// inMain reports whether the literal at cur lies in a function that only
// main calls.
func inMain(cur inspector.Cursor, onlyMain map[*types.Func]bool, info *types.Info) bool {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn, _ := info.Defs[c.Node().(*ast.FuncDecl).Name].(*types.Func)
		return fn != nil && onlyMain[fn]
	}
	return false
}
