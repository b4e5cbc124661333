package fix

// This file writes the expressions a fix inserts, valid where they go: the
// cancellation error (the tested error, ctx.Err() of the tested context,
// or of the task's own context when the tested value is out of scope),
// returns with zero values beside it, and the scope checks behind them.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// errText returns an expression, valid at pos, for the cancellation error
// the test saw: the tested error, ctx.Err() of the tested context, or
// ctx.Err() of the task's own context when the tested value is gone.
func (e *edit) errText(pos token.Pos) (string, bool) {
	t := e.f.S.Test
	if t == nil {
		return "", false
	}
	if t.OnContext() {
		if e.inScope(t.Ctx, pos) {
			return e.text(t.Ctx) + ".Err()", true
		}
	} else if e.inScope(t.Err, pos) && recognize.IsPure(t.Err) {
		return e.text(t.Err), true
	}
	if ctx := e.contextAt(pos); ctx != "" {
		return ctx + ".Err()", true
	}
	q := e.imports.qualifier(recognize.ContextPath, pos)
	if t.Sentinels == recognize.SentDeadline {
		return q + "DeadlineExceeded", true
	}
	return q + "Canceled", true
}

// returnText returns a return statement, valid at pos, that reports the
// cancellation error with zero values (or the named results) beside it.
func (e *edit) returnText(pos token.Pos) (string, bool) {
	errText, ok := e.errText(pos)
	if !ok {
		return "", false
	}
	return e.returnWith(pos, errText)
}

// returnWith returns a return statement, valid at pos, of errText with
// zero values (or the named results) beside it.
func (e *edit) returnWith(pos token.Pos, errText string) (string, bool) {
	fi := e.f.Fi
	if fi.ErrIdx < 0 {
		return "", false
	}
	res := fi.Sig.Results()
	parts := make([]string, res.Len())
	for i := range res.Len() {
		v := res.At(i)
		switch {
		case i == fi.ErrIdx:
			parts[i] = errText
		case v.Name() != "" && v.Name() != "_" && e.resolvesTo(v.Name(), pos, v):
			parts[i] = v.Name()
		default:
			z, ok := e.zero(v.Type(), pos)
			if !ok {
				return "", false
			}
			parts[i] = z
		}
	}
	return "return " + strings.Join(parts, ", "), true
}

// zero returns the zero value of t, written so that it is valid at pos.
func (e *edit) zero(t types.Type, pos token.Pos) (string, bool) {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		case u.Kind() == types.UnsafePointer:
			return "nil", true
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", true
	case *types.Struct, *types.Array:
		ok := true
		name := types.TypeString(t, func(p *types.Package) string {
			if p == e.fx.pass.Pkg {
				return ""
			}
			for _, spec := range e.file.Imports {
				if importPath(spec) == p.Path() {
					if spec.Name != nil {
						return spec.Name.Name
					}
					return p.Name()
				}
			}
			ok = false
			return p.Name()
		})
		if _, isTypeParam := t.(*types.TypeParam); isTypeParam {
			return "*new(" + name + ")", ok
		}
		return name + "{}", ok
	}
	if _, isTypeParam := types.Unalias(t).(*types.TypeParam); isTypeParam {
		return "*new(" + types.TypeString(t, nil) + ")", true
	}
	return "", false
}

// contextAt returns the name of a context the task received, valid at pos
// and still holding what the caller passed: a parameter that the function
// overwrites (ctx, cancel := context.WithTimeout(ctx, d) reuses it) names
// the derived context after that.
func (e *edit) contextAt(pos token.Pos) string {
	sig := e.f.Fi.Sig
	for i := range sig.Params().Len() {
		if p := sig.Params().At(i); recognize.IsContextType(p.Type()) && p.Name() != "" && p.Name() != "_" && e.resolvesTo(p.Name(), pos, p) && !assigned(e.fx.info, e.f.Fi.Body, p) {
			return p.Name()
		}
	}
	return ""
}

// assigned reports whether body assigns to v.
func assigned(info *types.Info, body *ast.BlockStmt, v types.Object) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && info.ObjectOf(id) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// resolvesTo reports whether name at pos denotes obj.
func (e *edit) resolvesTo(name string, pos token.Pos, obj types.Object) bool {
	scope := e.fx.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, found := scope.LookupParent(name, pos)
	return found == obj
}

// inScope reports whether every local name in x denotes, at pos, what it
// denotes where x is.
func (e *edit) inScope(x ast.Expr, pos token.Pos) bool {
	if x == nil {
		return false
	}
	ok := true
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool {
				if id, isID := m.(*ast.Ident); isID && !e.identOK(id, pos) {
					ok = false
				}
				return ok
			})
			return false
		case *ast.Ident:
			if !e.identOK(n, pos) {
				ok = false
			}
		case *ast.FuncLit:
			ok = false
		}
		return ok
	})
	return ok
}

func (e *edit) identOK(id *ast.Ident, pos token.Pos) bool {
	obj := e.fx.info.Uses[id]
	if obj == nil {
		return id.Name == "_" || e.fx.info.Defs[id] == nil
	}
	if obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() || obj.Parent() == types.Universe {
		return e.resolvesTo(id.Name, pos, obj) || obj.Parent() == obj.Pkg().Scope() && !e.shadowed(id.Name, pos)
	}
	return e.resolvesTo(id.Name, pos, obj)
}

func (e *edit) shadowed(name string, pos token.Pos) bool {
	scope := e.fx.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return true
	}
	s, obj := scope.LookupParent(name, pos)
	return obj != nil && s != e.fx.pass.Pkg.Scope() && s != types.Universe
}
