package ownership

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

// errLandingOf returns where the error result of the call at cur (or the
// error received from a channel there) is assigned, if it is the whole
// right-hand side of an assignment or declaration.
func errLandingOf(info *types.Info, cur inspector.Cursor) (errLanding, bool) {
	call := cur.Node().(ast.Expr)
	at := 0 // err := <-errc, err, ok := <-errc
	if c, ok := call.(*ast.CallExpr); ok {
		at = recognize.ErrorResult(resultSignature(info, c))
	}
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
// been tested and found nil: after the if whose init l is, or after the
// statement l is, and through every if that the nil error's value alone
// decides (if err != nil { return err }, its branches either way round,
// with the rest of the code in its else), out of plain blocks and the ends
// of branches.
func (l errLanding) afterTest(info *types.Info) (inspector.Cursor, bool) {
	cur := l.stmt
	if l.init != nil {
		if l.obj == nil {
			return cur, false
		}
		ifs := cur.Parent()
		value, known := recognize.EvalErr(info, l.init.Cond, l.obj, true)
		if !known || !callsOnlyErrorsTests(info, l.init.Cond) {
			return cur, false // if err := f(); err == nil || x { … }: who knows
		}
		if branch := recognize.BranchOf(l.init, value); !recognize.IsEmptyBranch(branch) {
			return l.firstOnNil(info, childOf(ifs, branch))
		}
		cur = ifs
	}
	return l.nextOnNil(info, cur)
}

// nextOnNil returns the statement that runs after the one at cur on the
// path where the error of l is nil.
func (l errLanding) nextOnNil(info *types.Info, cur inspector.Cursor) (inspector.Cursor, bool) {
	for {
		next, ok := cur.NextSibling()
		if ok {
			return l.firstOnNil(info, next)
		}
		// The end of a block: a plain block goes on after itself, a branch
		// after its if.
		block := cur.Parent()
		if _, ok := block.Node().(*ast.BlockStmt); !ok {
			return cur, false
		}
		switch block.Parent().Node().(type) {
		case *ast.BlockStmt:
			cur = block
		case *ast.IfStmt:
			cur = block.Parent()
			for { // out of an else-if chain
				if ifs, ok := cur.Parent().Node().(*ast.IfStmt); ok && ifs.Else == cur.Node() {
					cur = cur.Parent()
					continue
				}
				break
			}
		default:
			return cur, false
		}
	}
}

// firstOnNil returns the first statement that runs, on the path where the
// error of l is nil, from the statement at cur on: into plain blocks, and
// into the branch a nil error takes of an if its value alone decides.
func (l errLanding) firstOnNil(info *types.Info, cur inspector.Cursor) (inspector.Cursor, bool) {
	switch n := cur.Node().(type) {
	case *ast.BlockStmt:
		if first, ok := cur.FirstChild(); ok {
			return l.firstOnNil(info, first)
		}
		return l.nextOnNil(info, cur)
	case *ast.IfStmt:
		if l.obj == nil || n.Init != nil || !callsOnlyErrorsTests(info, n.Cond) {
			return cur, true
		}
		value, known := recognize.EvalErr(info, n.Cond, l.obj, true)
		if !known {
			return cur, true
		}
		branch := recognize.BranchOf(n, value)
		if recognize.IsEmptyBranch(branch) {
			return l.nextOnNil(info, cur)
		}
		return l.firstOnNil(info, childOf(cur, branch))
	case *ast.SwitchStmt:
		// switch { case err != nil: return err } and switch err { case nil: }
		clause, decided := l.nilClause(info, n)
		if !decided || n.Init != nil {
			return cur, true
		}
		if clause == nil || len(clause.Body) == 0 {
			return l.nextOnNil(info, cur)
		}
		body, _ := childOf(cur, n.Body).FirstChild()
		for c := range childOf(cur, n.Body).Children() {
			if c.Node() == clause {
				body = c
			}
		}
		first, ok := body.FirstChild()
		for ok && first.Node() != clause.Body[0] {
			first, ok = first.NextSibling()
		}
		if !ok {
			return cur, true
		}
		return l.firstOnNil(info, first)
	}
	return cur, true
}

// nilClause returns the case of a switch that a nil error in l takes, if
// the error alone decides it: the first case that holds when every one
// before it fails, or the default (nil if none) when all fail.
func (l errLanding) nilClause(info *types.Info, sw *ast.SwitchStmt) (*ast.CaseClause, bool) {
	if l.obj == nil {
		return nil, false
	}
	var def *ast.CaseClause
	for _, s := range sw.Body.List {
		cc := s.(*ast.CaseClause)
		if cc.List == nil {
			def = cc
			continue
		}
		for _, e := range cc.List {
			cond := e
			if sw.Tag != nil {
				cond = &ast.BinaryExpr{X: sw.Tag, Op: token.EQL, Y: e} // switch err { case nil: }
			}
			if !callsOnlyErrorsTests(info, e) {
				return nil, false
			}
			value, known := recognize.EvalErr(info, cond, l.obj, true)
			if !known {
				return nil, false
			}
			if value {
				return cc, true
			}
		}
	}
	return def, true
}

// childOf returns the cursor of the child node n of parent.
func childOf(parent inspector.Cursor, n ast.Node) inspector.Cursor {
	for c := range parent.Children() {
		if c.Node() == n {
			return c
		}
	}
	return parent
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
