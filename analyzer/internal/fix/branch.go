package fix

// This file makes the branch where a test holds report the cancellation:
// in place, where the swallowing statement is inside the branch (a nil
// returned or sent becomes the error, an if that exists only to swallow
// goes, err = nil goes), or by ending the branch with a report of its own
// where the nil is shared with paths after it.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// reportInBranch makes the branch where the test holds report the error:
// in place, where the swallow is inside that branch (the nil of a return
// or of a send becomes the error, a return gets its send), or, where the
// swallow is shared with other paths after the branch, by ending the
// branch with a report of its own (replacing a break that leaves a loop).
func (e *edit) reportInBranch(mayRemove bool) bool {
	site := e.f.S.Site
	br, ok := e.branch()
	if !ok || br.start <= site.Pos() && site.End() <= br.end {
		return e.reportInPlace(mayRemove)
	}
	if e.f.S.Apart && !e.f.S.OnlyHeld {
		return false // a report in one branch would leave the other's nil
	}
	if _, isRet := site.(*ast.ReturnStmt); isRet && e.f.S.OnlyHeld {
		// Only the cancelled path reaches the return after the branch
		// (break out of a loop, then return nil): rewrite the return.
		return e.reportInPlace(false)
	}
	if n := len(br.list); n > 0 {
		last := br.list[n-1]
		if b, isBreak := last.(*ast.BranchStmt); isBreak && b.Tok == token.BREAK {
			text, ok := e.reportText(b.Pos(), e.indent(b.Pos()))
			if ok {
				e.replace(b, text)
				e.dropOrphanLabel(b)
			}
			return ok
		}
		if terminates(last) {
			return false
		}
		ind := e.indent(last.Pos())
		text, ok := e.reportText(last.End(), ind)
		if ok {
			e.insert(last.End(), "\n"+ind+text)
		}
		return ok
	}
	if br.addElse {
		// The if ends the body: a send alone reports, and the task ends.
		text, ok := e.errText(br.insertAt - 1) // in the if's scope, as the else will be
		ch := e.resultChanName()
		if ok && ch != "" {
			e.insert(br.insertAt, " else {\n"+br.indent+"\t"+ch+" <- "+text+"\n"+br.indent+"}")
		}
		return ok && ch != ""
	}
	text, ok := e.reportText(br.insertAt, br.indent)
	if ok {
		e.insert(br.insertAt, "\n"+br.indent+text)
	}
	return ok
}

// reportInPlace rewrites the swallowing statement itself.
func (e *edit) reportInPlace(mayRemove bool) bool {
	fi := e.f.Fi
	switch site := e.f.S.Site.(type) {
	case *ast.SendStmt:
		text, ok := e.errText(site.Pos())
		if ok {
			e.replace(site.Value, text)
		}
		return ok
	case *ast.ReturnStmt:
		if fi.ChanMode() {
			ind := e.indent(site.Pos())
			text, ok := e.reportText(site.Pos(), ind)
			if ok {
				e.replace(site, text)
			}
			return ok
		}
		if mayRemove && e.removeIf(site) {
			return true
		}
		if len(site.Results) > 0 && len(site.Results) == fi.Sig.Results().Len() && fi.ErrIdx >= 0 {
			text, ok := e.errText(site.Pos())
			if ok {
				e.replace(site.Results[fi.ErrIdx], text)
			}
			return ok
		}
		text, ok := e.reportText(site.Pos(), "")
		if ok {
			e.replace(site, text)
		}
		return ok
	}
	return false
}

// reportText is the statement, valid at pos, that reports the
// cancellation: a return of it, or for a task that reports on a channel,
// a send of it and a return (indent is that of the line it goes on).
func (e *edit) reportText(pos token.Pos, indent string) (string, bool) {
	if !e.f.Fi.ChanMode() {
		return e.returnText(pos)
	}
	ch := e.resultChanName()
	text, ok := e.errText(pos)
	if ch == "" || !ok {
		return "", false
	}
	return ch + " <- " + text + "\n" + indent + "return", true
}

// holding is the branch where a test holds.
type holding struct {
	list       []ast.Stmt
	start, end token.Pos // the extent of the branch
	insertAt   token.Pos // where a first statement goes, for an empty branch
	indent     string    // the indentation of a statement there
	addElse    bool      // the branch is an else the fix writes after an if that ends the body
}

// lastInBody reports whether s is the last statement of the task's body.
func (e *edit) lastInBody(s ast.Stmt) bool {
	// The last statement, also of a plain block that is last in turn:
	// { err := f(); if … { … } }.
	for list := e.f.Fi.Body.List; len(list) > 0; {
		last := list[len(list)-1]
		if last == s {
			return true
		}
		b, ok := last.(*ast.BlockStmt)
		if !ok {
			return false
		}
		list = b.List
	}
	return false
}

// branch returns the branch where the finding's test holds, if it has one
// in the syntax: the then (or else) block of an if, a case, or the rest of
// the block after <-ctx.Done().
func (e *edit) branch() (holding, bool) {
	t := e.f.S.Test
	if t == nil {
		return holding{}, false
	}
	switch n := t.Node.(type) {
	case *ast.CommClause:
		return holding{list: n.Body, start: n.Colon, end: n.End(), insertAt: n.Colon + 1, indent: e.indent(n.Pos()) + "\t"}, true
	case *ast.ExprStmt:
		cur, ok := e.cursor(n)
		if !ok {
			return holding{}, false
		}
		block, ok := cur.Parent().Node().(*ast.BlockStmt)
		if !ok {
			return holding{}, false
		}
		for i, s := range block.List {
			if s == n {
				return holding{list: block.List[i+1:], start: n.End(), end: block.Rbrace, insertAt: n.End(), indent: e.indent(n.Pos())}, true
			}
		}
	case ast.Expr:
		cur, ok := e.cursor(n)
		if !ok {
			return holding{}, false
		}
		if cc, ok := cur.Parent().Node().(*ast.CaseClause); ok {
			if !e.f.Fi.Tests[n].Positive {
				return holding{}, false
			}
			return holding{list: cc.Body, start: cc.Colon, end: cc.End(), insertAt: cc.Colon + 1, indent: e.indent(cc.Pos()) + "\t"}, true
		}
		c, ok := e.chain(n)
		if !ok || c.op == token.LOR {
			return holding{}, false
		}
		block := c.ifs.Body
		if !c.positive && !c.negated && c.ifs.Else == nil && e.f.Fi.ChanMode() && c.op == token.ILLEGAL && e.lastInBody(c.ifs) {
			// go func() { if err := f(); !errors.Is(err, context.Canceled) { errc <- err } }():
			// the branch where the test holds is an else to be written.
			rb := c.ifs.Body.Rbrace + 1
			return holding{start: rb, end: rb, insertAt: rb, indent: e.indent(c.ifs.Pos()), addElse: true}, true
		}
		if c.positive == c.negated { // the test holds in the else
			var isBlock bool
			if block, isBlock = c.ifs.Else.(*ast.BlockStmt); !isBlock {
				return holding{}, false
			}
		}
		return holding{list: block.List, start: block.Lbrace, end: block.Rbrace, insertAt: block.Lbrace + 1, indent: e.indent(block.Lbrace) + "\t"}, true
	}
	return holding{}, false
}

// terminates reports whether s never falls through to what follows.
func terminates(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}

// dropAssign removes `err = nil`, and the if around it when the if exists
// only for it, and the deferred literal around that when nothing else is
// in it.
func (e *edit) dropAssign(as *ast.AssignStmt) bool {
	var stmt ast.Node = as
	cur, ok := e.cursor(as)
	if !ok {
		return false
	}
	if ifs, ok := enclosingIfOnly(cur, as); ok && ifs.Init == nil && ifs.Else == nil && (e.isTestCond(ifs.Cond) || e.onlyTests(ifs.Cond)) {
		stmt = ifs
		if d := deferOnly(cur, ifs); d != nil {
			stmt = d
		}
	}
	e.delete(stmt.Pos(), stmt.End())
	return true
}

// isTestCond reports whether cond is exactly the finding's test, positive.
func (e *edit) isTestCond(cond ast.Expr) bool {
	t := e.f.S.Test
	ref, ok := e.f.Fi.Tests[ast.Unparen(cond)]
	return t != nil && ok && ref.Test == t && ref.Positive
}

// onlyTests reports whether cond is a conjunction of the finding's test
// and checks without effect (err != nil, other cancellation tests): an if
// on it that only clears the error can go whole.
func (e *edit) onlyTests(cond ast.Expr) bool {
	has := false
	var ok func(x ast.Expr) bool
	ok = func(x ast.Expr) bool {
		x = ast.Unparen(x)
		if ref, isTest := e.f.Fi.Tests[x]; isTest {
			has = has || ref.Test == e.f.S.Test && ref.Positive
			return true
		}
		b, isBin := x.(*ast.BinaryExpr)
		if !isBin {
			return false
		}
		switch b.Op {
		case token.LAND:
			return ok(b.X) && ok(b.Y)
		case token.EQL, token.NEQ:
			return recognize.IsPure(b.X) && recognize.IsPure(b.Y)
		}
		return false
	}
	return ok(cond) && has
}

// enclosingIfOnly returns the if statement whose body holds only stmt.
func enclosingIfOnly(cur inspector.Cursor, stmt ast.Stmt) (*ast.IfStmt, bool) {
	block, ok := cur.Parent().Node().(*ast.BlockStmt)
	if !ok || len(block.List) != 1 {
		return nil, false
	}
	ifs, ok := cur.Parent().Parent().Node().(*ast.IfStmt)
	if !ok || ifs.Body != block {
		return nil, false
	}
	return ifs, true
}

// deferOnly returns the defer statement whose literal holds only ifs.
func deferOnly(cur inspector.Cursor, ifs *ast.IfStmt) *ast.DeferStmt {
	c := cur.Parent().Parent() // the if
	body, ok := c.Parent().Node().(*ast.BlockStmt)
	if !ok || len(body.List) != 1 {
		return nil
	}
	lit, ok := c.Parent().Parent().Node().(*ast.FuncLit)
	if !ok {
		return nil
	}
	call, ok := c.Parent().Parent().Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != lit || len(call.Args) != 0 {
		return nil
	}
	d, ok := c.Parent().Parent().Parent().Parent().Node().(*ast.DeferStmt)
	if !ok {
		return nil
	}
	return d
}

// removeIf deletes `if test { return nil }` when the statement after it
// returns the same error, so that the cancellation simply flows on.
func (e *edit) removeIf(ret *ast.ReturnStmt) bool {
	cur, ok := e.cursor(ret)
	if !ok {
		return false
	}
	ifs, ok := enclosingIfOnly(cur, ret)
	if !ok || ifs.Init != nil || ifs.Else != nil || !e.isTestCond(ifs.Cond) || e.f.S.Test.OnContext() {
		return false
	}
	ifCur := cur.Parent().Parent()
	next, ok := ifCur.NextSibling()
	if !ok {
		return false
	}
	nextRet, ok := next.Node().(*ast.ReturnStmt)
	fi := e.f.Fi
	if !ok || len(nextRet.Results) != fi.Sig.Results().Len() || fi.ErrIdx < 0 {
		return false
	}
	if types.ExprString(nextRet.Results[fi.ErrIdx]) != types.ExprString(e.f.S.Test.Err) {
		return false
	}
	// The other results must be the same too, or the caller sees a change:
	// for a bare return, the named results themselves.
	res := fi.Sig.Results()
	for i := range nextRet.Results {
		if i == fi.ErrIdx {
			continue
		}
		want := res.At(i).Name()
		if len(ret.Results) > 0 {
			want = types.ExprString(ret.Results[i])
		}
		if types.ExprString(nextRet.Results[i]) != want {
			return false
		}
	}
	e.delete(ifs.Pos(), ifs.End())
	return true
}

func (e *edit) resultChanName() string {
	var names []string
	for _, ch := range e.f.Fi.ResultChans {
		names = append(names, e.text(ch))
	}
	if len(names) != 1 {
		return ""
	}
	return names[0]
}
