package recognize

// This file binds a launched method's receiver fields to the values its
// launch gave them. A method value started on a value built at the launch
// (g.Go(task{ctx: ctx, errc: errc}.run), or t := &task{…}; go t.run())
// reads through t.ctx and t.errc what a literal in its place would read
// through captured variables: the launching function's ctx and errc. With
// the binding, a test of t.ctx is a test of that ctx, a send on t.errc is
// a send on that errc, and the method is judged as the literal would be.

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Bound is a method's receiver with the values its launch gave the
// receiver's fields.
type Bound struct {
	Recv   *types.Var
	fields map[*types.Var]ast.Expr
}

// Value returns the value the launch gave the receiver field e reads
// (t.ctx), or nil.
func (b *Bound) Value(info *types.Info, e ast.Expr) ast.Expr {
	if b == nil {
		return nil
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	x, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || info.Uses[x] != b.Recv {
		return nil
	}
	f, ok := info.Uses[sel.Sel].(*types.Var)
	if !ok {
		return nil
	}
	return b.fields[f]
}

// Fields calls yield with each bound field and its value.
func (b *Bound) Fields(yield func(*types.Var, ast.Expr) bool) {
	if b == nil {
		return
	}
	for f, v := range b.fields {
		if !yield(f, v) {
			return
		}
	}
}

// BindReceiver returns the binding of method fn's receiver at a launch
// whose method value is on recv, or nil when the launch does not build
// the receiver (a composite literal, through & or a variable given only
// it) or the method may change what it reads. A field's value is the
// expression the literal evaluated once, as a literal's captured variable
// is: ctx.Done() there is the done channel read here. origin gives a local
// variable's single value; assigned reports a field some code of the
// package assigns, which the literal then does not fix.
func BindReceiver(info *types.Info, fn *ast.FuncDecl, recv ast.Expr, origin func(*ast.Ident) ast.Expr, assigned func(*types.Var) bool) *Bound {
	if fn.Recv == nil || len(fn.Recv.List) != 1 || len(fn.Recv.List[0].Names) != 1 {
		return nil
	}
	r, ok := info.Defs[fn.Recv.List[0].Names[0]].(*types.Var)
	if !ok || assignedIn(info, fn.Body, r) {
		return nil
	}
	lit := builtLiteral(recv, origin)
	if lit == nil {
		return nil
	}
	st, ok := StructOf(info.TypeOf(lit))
	if !ok {
		return nil
	}
	b := &Bound{Recv: r, fields: make(map[*types.Var]ast.Expr)}
	for i, elt := range lit.Elts {
		var f *types.Var
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			id, _ := kv.Key.(*ast.Ident)
			if id != nil {
				f, _ = info.Uses[id].(*types.Var)
			}
			value = kv.Value
		} else if i < st.NumFields() {
			f = st.Field(i)
		}
		if f != nil && !assigned(f) {
			b.fields[f] = value
		}
	}
	return b
}

// builtLiteral returns the composite literal recv is: directly, through &,
// or through a local variable given only it.
func builtLiteral(recv ast.Expr, origin func(*ast.Ident) ast.Expr) *ast.CompositeLit {
	for range 3 {
		switch e := ast.Unparen(recv).(type) {
		case *ast.CompositeLit:
			return e
		case *ast.UnaryExpr:
			recv = e.X
		case *ast.Ident:
			if recv = origin(e); recv == nil {
				return nil
			}
		default:
			return nil
		}
	}
	return nil
}

// assignedIn reports whether body assigns v or takes its address.
func assignedIn(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && info.Uses[id] == v {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[id] == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// ReadsContext reports whether body reads a receiver field that the launch
// gave a context: a context the method did not create.
func (b *Bound) ReadsContext(info *types.Info, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && !found {
			if v := b.Value(info, sel); v != nil && IsContextType(info.TypeOf(v)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// ReadsReceiverContext reports whether the method fn reads a context field
// of its receiver (g.ctx).
func ReadsReceiverContext(info *types.Info, fn *ast.FuncDecl) bool {
	if fn.Recv == nil || len(fn.Recv.List) != 1 || len(fn.Recv.List[0].Names) != 1 || fn.Body == nil {
		return false
	}
	recv := info.Defs[fn.Recv.List[0].Names[0]]
	found := false
	ast.Inspect(BodyOf(fn.Body), func(n ast.Node) bool {
		if _, isLit := n.(*ast.FuncLit); isLit || found {
			return false
		}
		if sel, ok := n.(*ast.SelectorExpr); ok {
			x, ok := ast.Unparen(sel.X).(*ast.Ident)
			f, isVar := info.Uses[sel.Sel].(*types.Var)
			found = ok && recv != nil && info.Uses[x] == recv && isVar && f.IsField() && IsContextType(f.Type())
		}
		return !found
	})
	return found
}
