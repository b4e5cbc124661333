package recognize

// This file finds error constructors: functions whose every return yields
// an error that is certainly non-nil (vitess's vterrors.Errorf returns
// &fundamental{…}). A call of one is a failure, as errors.New is: an error
// returned or received from it cannot be the nil of a swallowed
// cancellation, and a return of it reports a failure.

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// Constructor is the fact that a function always returns a non-nil error.
type Constructor struct{}

func (*Constructor) AFact()         {}
func (*Constructor) String() string { return "constructs an error" }

// Constructors is what a pass knows of error constructors: its package's,
// and through facts those of the packages it imports.
type Constructors struct {
	pass *analysis.Pass
	fns  map[*types.Func]bool
}

// Has reports whether fn is an error constructor.
func (c *Constructors) Has(fn *types.Func) bool {
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
	c := &Constructors{pass: pass, fns: make(map[*types.Func]bool)}
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
		}
	}
	for fn := range decls {
		if c.fns[fn] && fn.Exported() {
			pass.ExportObjectFact(fn, new(Constructor))
		}
	}
	return c
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
