package recognize

// This file finds error constructors: functions whose every return yields
// an error that is certainly non-nil (vitess's vterrors.Errorf returns
// &fundamental{…}). A call of one is a failure, as errors.New is: an error
// returned or received from it cannot be the nil of a swallowed
// cancellation, and a return of it reports a failure. It also finds error
// wrappers, non-nil exactly when their error argument is (vterrors.Wrapf:
// if err == nil { return nil }; return &wrapping{…}), as pkg/errors.Wrap.

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// Constructor is the fact that a function always returns a non-nil error.
type Constructor struct{}

func (*Constructor) AFact()         {}
func (*Constructor) String() string { return "constructs an error" }

// Wrapper is the fact that a function's error result is nil exactly when
// its error argument Param is.
type Wrapper struct {
	Param int
}

func (*Wrapper) AFact()           {}
func (w *Wrapper) String() string { return fmt.Sprintf("wraps error %d", w.Param) }

// Constructors is what a pass knows of error constructors and wrappers:
// its package's, and through facts those of the packages it imports.
type Constructors struct {
	pass  *analysis.Pass
	fns   map[*types.Func]bool
	wraps map[*types.Func]int // the wrapped parameter, or -1
}

// wrapped returns the index of the error argument whose nilness fn's
// result has, or -1.
func (c *Constructors) wrapped(fn *types.Func) int {
	if c == nil || fn == nil {
		return -1
	}
	fn = fn.Origin()
	if p, ok := c.wraps[fn]; ok || fn.Pkg() == c.pass.Pkg {
		if !ok {
			return -1
		}
		return p
	}
	w := new(Wrapper)
	p := -1
	if c.pass.ImportObjectFact(fn, w) {
		p = w.Param
	}
	c.wraps[fn] = p
	return p
}

// has reports whether fn is an error constructor.
func (c *Constructors) has(fn *types.Func) bool {
	if c == nil || fn == nil {
		return false
	}
	fn = fn.Origin()
	if is, ok := c.fns[fn]; ok || fn.Pkg() == c.pass.Pkg {
		return is
	}
	is := c.pass.ImportObjectFact(fn, new(Constructor))
	c.fns[fn] = is
	return is
}

// FindConstructors finds the error constructors of the package and
// exports a fact for each that other packages can call.
func FindConstructors(pass *analysis.Pass) *Constructors {
	c := &Constructors{pass: pass, fns: make(map[*types.Func]bool), wraps: make(map[*types.Func]int)}
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			res := fn.Signature().Results()
			if res.Len() == 1 && IsErrorType(res.At(0).Type()) {
				decls[fn] = fd
				c.fns[fn] = true // until a return says otherwise
				c.wraps[fn] = errorParam(fn.Signature())
			}
		}
	}
	// The greatest fixed point: a constructor that returns another's
	// result, or its own on another path, stays one.
	for changed := true; changed; {
		changed = false
		for fn, fd := range decls {
			if c.fns[fn] && !c.constructs(fd) {
				c.fns[fn], changed = false, true
			}
			if p := c.wraps[fn]; p >= 0 && !c.wrapsParam(fd, fn.Signature().Params().At(p)) {
				c.wraps[fn], changed = -1, true
			}
		}
	}
	for fn := range decls {
		if !fn.Exported() {
			continue
		}
		if c.fns[fn] {
			pass.ExportObjectFact(fn, new(Constructor))
		}
		if p := c.wraps[fn]; p >= 0 {
			pass.ExportObjectFact(fn, &Wrapper{Param: p})
		}
	}
	return c
}

// errorParam returns the index of sig's one error parameter, or -1.
func errorParam(sig *types.Signature) int {
	at := -1
	for i := range sig.Params().Len() {
		if IsErrorType(sig.Params().At(i).Type()) {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	if sig.Variadic() && at == sig.Params().Len()-1 {
		return -1
	}
	return at
}

// wrapsParam reports whether fd's result is nil exactly when p is: every
// return yields p, a constructed error, another wrapping of p, or nil
// under a test that p is nil; and nothing assigns p.
func (c *Constructors) wrapsParam(fd *ast.FuncDecl, p *types.Var) bool {
	info := c.pass.TypesInfo
	isP := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == p
	}
	returns, ok := 0, true
	ast.PreorderStack(BodyOf(fd.Body), nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if isP(l) {
					ok = false
				}
			}
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) != 1 {
				ok = false
				break
			}
			r := n.Results[0]
			switch {
			case isP(r), ConstructedError(info, r, c):
			case IsNil(info, r):
				ok = ok && underNilTest(stack, n, isP)
			default:
				wraps := false
				for _, arg := range WrappedErrors(info, r, c) {
					wraps = wraps || isP(arg)
				}
				ok = ok && wraps
			}
		}
		return ok
	})
	return ok && returns > 0
}

// underNilTest reports whether ret lies where the x that isP names is
// nil: in the body of if x == nil, or the else of if x != nil (and their
// negations).
func underNilTest(stack []ast.Node, ret ast.Node, isP func(ast.Expr) bool) bool {
	in := func(n ast.Node) bool { return n != nil && n.Pos() <= ret.Pos() && ret.Pos() < n.End() }
	for i := len(stack) - 1; i >= 0; i-- {
		ifs, ok := stack[i].(*ast.IfStmt)
		if !ok {
			continue
		}
		cond, holds := ast.Unparen(ifs.Cond), true
		for {
			u, ok := cond.(*ast.UnaryExpr)
			if !ok || u.Op != token.NOT {
				break
			}
			cond, holds = ast.Unparen(u.X), !holds
		}
		b, ok := cond.(*ast.BinaryExpr)
		if !ok || b.Op != token.EQL && b.Op != token.NEQ || !(isP(b.X) && isNilIdent(b.Y) || isP(b.Y) && isNilIdent(b.X)) {
			continue
		}
		nilWhenTrue := (b.Op == token.EQL) == holds
		if nilWhenTrue && in(ifs.Body) || !nilWhenTrue && ifs.Else != nil && in(ifs.Else) {
			return true
		}
	}
	return false
}

// isNilIdent reports whether e is spelled nil.
func isNilIdent(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// constructs reports whether every return of fd yields a constructed
// error, and there is one.
func (c *Constructors) constructs(fd *ast.FuncDecl) bool {
	returns, ok := 0, true
	// return func() error { … }(): the literal's returns are the function's.
	ast.Inspect(BodyOf(fd.Body), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) != 1 || !ConstructedError(c.pass.TypesInfo, n.Results[0], c) {
				ok = false
			}
		}
		return ok
	})
	return ok && returns > 0
}
