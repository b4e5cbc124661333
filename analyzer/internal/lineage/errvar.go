package lineage

// This file finds where a call's error lands in its caller, whatever form
// the caller's code takes: err := f(ctx), err = f(ctx), var err = f(ctx),
// x, err := f(ctx), inside an if's init or as a statement of its own. The
// caller rules (discards, only logs, re-checks the context, passes the error
// on) read the variable by its object from there, so that
//
//	if err := f(ctx); err != nil {
//
// and
//
//	err := f(ctx)
//	if err != nil {
//
// are one caller to them.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// errLanding is where the error result of a call is put.
type errLanding struct {
	lhs  ast.Expr         // the identifier (or _) receiving the error
	obj  types.Object     // its variable; nil for _
	stmt inspector.Cursor // the assignment or declaration statement
	init *ast.IfStmt      // the if whose init the statement is, or nil
}

// errLandingOf returns where the error result of the call at cur is
// assigned, if the call is the whole right-hand side of an assignment or
// declaration.
func errLandingOf(info *types.Info, cur inspector.Cursor) (errLanding, bool) {
	call := cur.Node().(*ast.CallExpr)
	at := recognize.ErrorResult(resultSignature(info, call))
	if at < 0 {
		return errLanding{}, false
	}
	var lhs ast.Expr
	stmt := outer(cur).Parent() // err := (f(ctx)) too
	switch parent := stmt.Node().(type) {
	case *ast.AssignStmt:
		if len(parent.Rhs) != 1 || ast.Unparen(parent.Rhs[0]) != call || at >= len(parent.Lhs) || parent.Tok != token.DEFINE && parent.Tok != token.ASSIGN {
			return errLanding{}, false
		}
		lhs = parent.Lhs[at]
	case *ast.ValueSpec:
		if len(parent.Values) != 1 || ast.Unparen(parent.Values[0]) != call || at >= len(parent.Names) {
			return errLanding{}, false
		}
		lhs = parent.Names[at]
		for stmt.Node() != nil {
			if _, ok := stmt.Node().(*ast.DeclStmt); ok {
				break
			}
			stmt = stmt.Parent()
		}
	default:
		return errLanding{}, false
	}
	if stmt.Node() == nil {
		return errLanding{}, false
	}
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return errLanding{}, false // a field or an element: read elsewhere
	}
	l := errLanding{lhs: id, stmt: stmt}
	if id.Name != "_" {
		l.obj = info.ObjectOf(id)
	}
	if ifs, ok := stmt.Parent().Node().(*ast.IfStmt); ok && ifs.Init == stmt.Node() {
		l.init = ifs
	}
	return l, true
}

// afterTest returns the statement that runs next after the error of l has
// been tested and found nil: the statement after the if whose init l is,
// or, for a statement of its own, the one after it and after every if
// right behind it that a nil error passes without doing anything
// (if err != nil { … }, or if !(err != nil) {} else { … }).
func (l errLanding) afterTest(info *types.Info) (inspector.Cursor, bool) {
	cur := l.stmt
	if l.init != nil {
		if l.obj == nil || !passesOnNil(info, l.init, l.obj) {
			return cur, false // if err := f(); err == nil { … }: the nil runs the body
		}
		cur = cur.Parent()
	}
	for {
		next, ok := cur.NextSibling()
		if !ok {
			return next, false
		}
		ifs, isIf := next.Node().(*ast.IfStmt)
		if !isIf || l.obj == nil || ifs.Init != nil || !passesOnNil(info, ifs, l.obj) {
			return next, true
		}
		cur = next
	}
}

// passesOnNil reports whether a nil error in obj takes a branch of ifs
// that does nothing: the condition is decided by the error alone, and the
// branch it takes is empty or absent.
func passesOnNil(info *types.Info, ifs *ast.IfStmt, obj types.Object) bool {
	value, known := recognize.EvalErr(info, ifs.Cond, obj, true)
	return known && recognize.IsEmptyBranch(recognize.BranchOf(ifs, value)) && callsOnlyErrorsTests(info, ifs.Cond)
}

// outer returns the cursor of the outermost parenthesised expression
// around cur's node, or cur: (f(ctx)) is f(ctx) to its parent.
func outer(cur inspector.Cursor) inspector.Cursor {
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			return cur
		}
		cur = cur.Parent()
	}
}
