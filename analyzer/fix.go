package analyzer

// This file builds the one suggested fix of each diagnostic. The fix makes
// the task propagate the cancellation — return the tested error instead of
// nil, drop `err = nil`, turn `continue` into a return, send the error, pass
// a suppressor's argument through, or take a negated test out of the
// condition that reports failures — and, where the owner that cancels the
// context awaits the task in the same function, moves the suppression to
// that await site (await.go). Edits are small and keep the user's text;
// multi-line insertions take the indentation of the line they join, so
// the result is gofmt-clean without reformatting.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// finding is a swallow with the function it is in, ready to report.
type finding struct {
	fi  *funcInfo
	s   *swallow
	cur inspector.Cursor // the function
}

// fixer builds fixes for the findings of one package.
type fixer struct {
	pass  *analysis.Pass
	info  *types.Info
	insp  *inspector.Inspector
	files map[*token.File]*ast.File
	src   map[*token.File][]byte
}

func newFixer(pass *analysis.Pass, insp *inspector.Inspector) *fixer {
	fx := &fixer{pass: pass, info: pass.TypesInfo, insp: insp, files: make(map[*token.File]*ast.File), src: make(map[*token.File][]byte)}
	for _, f := range pass.Files {
		fx.files[pass.Fset.File(f.FileStart)] = f
	}
	return fx
}

// file returns the syntax, token file and source text holding pos.
func (fx *fixer) file(pos token.Pos) (*ast.File, *token.File, []byte) {
	tok := fx.pass.Fset.File(pos)
	if tok == nil {
		return nil, nil, nil
	}
	src, ok := fx.src[tok]
	if !ok {
		src, _ = fx.pass.ReadFile(tok.Name())
		if len(src) != tok.Size() {
			src = nil // the file changed since it was parsed, or is generated from another
		}
		fx.src[tok] = src
	}
	return fx.files[tok], tok, src
}

// edit is the fix under construction for one finding.
type edit struct {
	fx      *fixer
	f       *finding
	file    *ast.File
	tok     *token.File
	src     []byte
	imports *importPlan
	edits   []analysis.TextEdit
	removed []analysis.TextEdit // deletions, for unused-import checks
}

func (e *edit) text(n ast.Node) string {
	return string(e.src[e.tok.Offset(n.Pos()):e.tok.Offset(n.End())])
}

func (e *edit) replace(n ast.Node, text string) {
	e.edits = append(e.edits, analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(text)})
	e.removed = append(e.removed, analysis.TextEdit{Pos: n.Pos(), End: n.End()})
}

func (e *edit) delete(pos, end token.Pos) {
	d := deleteLines(e.tok, e.src, pos, end)
	e.edits = append(e.edits, d)
	e.removed = append(e.removed, d)
}

func (e *edit) insert(pos token.Pos, text string) {
	e.edits = append(e.edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)})
}

// indent returns the leading white space of the line holding pos.
func (e *edit) indent(pos token.Pos) string {
	off := e.tok.Offset(pos)
	start := off
	for start > 0 && e.src[start-1] != '\n' {
		start--
	}
	end := start
	for end < len(e.src) && (e.src[end] == ' ' || e.src[end] == '\t') {
		end++
	}
	return string(e.src[start:end])
}

// fixOf returns the suggested fix of f; owner is the await-site rewrite
// that suppresses the cancellation at the owner, or nil.
func (fx *fixer) fixOf(f *finding, owner *awaitFix) (analysis.SuggestedFix, bool) {
	file, tok, src := fx.file(f.s.site.Pos())
	if file == nil || src == nil {
		return analysis.SuggestedFix{}, false
	}
	e := &edit{fx: fx, f: f, file: file, tok: tok, src: src}
	e.imports = newImportPlan(fx.pass.Pkg, fx.info, file, tok, src)
	var msg string
	if f.s.category == catOwner {
		if !e.guard() {
			return analysis.SuggestedFix{}, false
		}
		msg = "Ignore the cancellation only while the parent context is live"
	} else {
		var ok bool
		if msg, ok = e.propagate(); !ok {
			return analysis.SuggestedFix{}, false
		}
		switch {
		case owner != nil:
			e.edits = append(e.edits, owner.edits(e)...)
			msg += " and ignore it at " + owner.name
		default:
			msg += "; ignore it where the context is cancelled"
		}
	}
	e.edits = append(e.edits, e.imports.edits()...)
	e.edits = append(e.edits, e.imports.removeUnused(e.removed, e.kept)...)
	sortEdits(e.edits)
	return analysis.SuggestedFix{Message: msg, TextEdits: e.edits}, true
}

// propagate adds the edits that make the task report the cancellation.
func (e *edit) propagate() (string, bool) {
	s := e.f.s
	switch s.kind {
	case swallowHelper:
		ret := s.site.(*ast.ReturnStmt)
		call := ast.Unparen(ret.Results[e.f.fi.errIdx]).(*ast.CallExpr)
		e.replace(call, e.text(s.helperArg))
		return "Return the error instead of " + s.helper.Name() + "'s result", true
	case swallowAssign:
		return "Keep the cancellation error", e.dropAssign(s.site.(*ast.AssignStmt))
	case swallowContinue:
		br := s.site.(*ast.BranchStmt)
		text, ok := e.returnText(br.Pos())
		if !ok {
			return "", false
		}
		e.replace(br, text)
		e.dropOrphanLabel(br)
		return "Return the cancellation error instead of continuing", true
	}
	// A return, a send, or a return without the send: the first of these
	// that leaves no variable unused.
	msg := "Return the cancellation error"
	if e.f.fi.chanMode() {
		msg = "Send the cancellation error"
	}
	for _, attempt := range []func() bool{
		e.editCondition,
		func() bool { return e.reportInBranch(true) },
		func() bool { return e.reportInBranch(false) },
	} {
		if attempt() && !e.orphans() {
			return msg, true
		}
		e.reset()
	}
	return "", false
}

// reset drops the edits made so far.
func (e *edit) reset() {
	e.edits, e.removed = nil, nil
	e.imports = newImportPlan(e.fx.pass.Pkg, e.fx.info, e.file, e.tok, e.src)
}

// orphans reports whether the removed text held the last use of a local
// variable or label.
func (e *edit) orphans() bool {
	inRemoved := func(pos token.Pos) bool {
		for _, r := range e.removed {
			if r.Pos <= pos && pos < r.End {
				return true
			}
		}
		return false
	}
	lost := make(map[types.Object]bool)
	ast.Inspect(e.file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && inRemoved(id.Pos()) && isLocal(e.fx.info.Uses[id]) {
			lost[e.fx.info.Uses[id]] = true
		}
		return true
	})
	if len(lost) == 0 {
		return false
	}
	ast.Inspect(e.file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !inRemoved(id.Pos()) && lost[e.fx.info.Uses[id]] {
			delete(lost, e.fx.info.Uses[id])
		}
		return len(lost) > 0
	})
	// A variable whose declaration goes too is no orphan, nor one that
	// the new text names again.
	for obj := range lost {
		if inRemoved(obj.Pos()) || e.kept(obj.Name()) {
			delete(lost, obj)
		}
	}
	return len(lost) > 0
}

// kept reports whether the text the fix inserts mentions name: replaced
// text that is written again keeps its references.
func (e *edit) kept(name string) bool {
	for _, ed := range e.edits {
		text := string(ed.NewText)
		for i := strings.Index(text, name); i >= 0; {
			end := i + len(name)
			before := i == 0 || !isIdentByte(text[i-1])
			after := end == len(text) || !isIdentByte(text[end])
			if before && after {
				return true
			}
			next := strings.Index(text[i+1:], name)
			if next < 0 {
				break
			}
			i += 1 + next
		}
	}
	return false
}

func isIdentByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b >= 0x80
}

// isLocal reports whether obj is a local variable or a label.
func isLocal(obj types.Object) bool {
	switch obj := obj.(type) {
	case *types.Var:
		return !obj.IsField() && obj.Pkg() != nil && obj.Parent() != obj.Pkg().Scope()
	case *types.Label:
		return true
	}
	return false
}

// dropOrphanLabel deletes the label of a replaced branch statement when
// nothing else uses it.
func (e *edit) dropOrphanLabel(br *ast.BranchStmt) {
	if br.Label == nil {
		return
	}
	lbl, ok := e.fx.info.Uses[br.Label].(*types.Label)
	if !ok || !e.orphans() {
		return
	}
	cur, ok := e.fx.insp.Root().FindByPos(lbl.Pos(), lbl.Pos())
	if !ok {
		return
	}
	for c := cur; ; c = c.Parent() {
		if ls, isLabeled := c.Node().(*ast.LabeledStmt); isLabeled {
			if e.tok.Line(ls.Pos()) == e.tok.Line(ls.Stmt.Pos()) {
				e.deleteRange(ls.Pos(), ls.Stmt.Pos())
			} else {
				start := e.tok.LineStart(e.tok.Line(ls.Pos()))
				e.deleteRange(start, e.tok.LineStart(e.tok.Line(ls.Stmt.Pos())))
			}
			return
		}
		if _, isFile := c.Node().(*ast.File); isFile || c.Node() == nil {
			return
		}
	}
}

// reportInBranch makes the branch where the test holds report the error:
// in place, where the swallow is inside that branch (the nil of a return
// or of a send becomes the error, a return gets its send), or, where the
// swallow is shared with other paths after the branch, by ending the
// branch with a report of its own (replacing a break that leaves a loop).
func (e *edit) reportInBranch(mayRemove bool) bool {
	site := e.f.s.site
	br, ok := e.branch()
	if !ok || br.start <= site.Pos() && site.End() <= br.end {
		return e.reportInPlace(mayRemove)
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
	text, ok := e.reportText(br.insertAt, br.indent)
	if ok {
		e.insert(br.insertAt, "\n"+br.indent+text)
	}
	return ok
}

// reportInPlace rewrites the swallowing statement itself.
func (e *edit) reportInPlace(mayRemove bool) bool {
	fi := e.f.fi
	switch site := e.f.s.site.(type) {
	case *ast.SendStmt:
		text, ok := e.errText(site.Pos())
		if ok {
			e.replace(site.Value, text)
		}
		return ok
	case *ast.ReturnStmt:
		if fi.chanMode() {
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
		if len(site.Results) > 0 && len(site.Results) == fi.sig.Results().Len() && fi.errIdx >= 0 {
			text, ok := e.errText(site.Pos())
			if ok {
				e.replace(site.Results[fi.errIdx], text)
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
	if !e.f.fi.chanMode() {
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
}

// branch returns the branch where the finding's test holds, if it has one
// in the syntax: the then (or else) block of an if, a case, or the rest of
// the block after <-ctx.Done().
func (e *edit) branch() (holding, bool) {
	t := e.f.s.test
	if t == nil {
		return holding{}, false
	}
	switch n := t.node.(type) {
	case *ast.CommClause:
		return holding{list: n.Body, start: n.Colon, end: n.End(), insertAt: n.Colon + 1, indent: e.indent(n.Pos()) + "\t"}, true
	case *ast.ExprStmt:
		cur, ok := e.fx.insp.Root().FindNode(n)
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
		cur, ok := e.fx.insp.Root().FindNode(n)
		if !ok {
			return holding{}, false
		}
		if cc, ok := cur.Parent().Node().(*ast.CaseClause); ok {
			if !e.f.fi.tests[n].positive {
				return holding{}, false
			}
			return holding{list: cc.Body, start: cc.Colon, end: cc.End(), insertAt: cc.Colon + 1, indent: e.indent(cc.Pos()) + "\t"}, true
		}
		c, ok := e.chain(n)
		if !ok || c.op == token.LOR {
			return holding{}, false
		}
		block := c.ifs.Body
		if !c.positive {
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

// errText returns an expression, valid at pos, for the cancellation error
// the test saw: the tested error, ctx.Err() of the tested context, or
// ctx.Err() of the task's own context when the tested value is gone.
func (e *edit) errText(pos token.Pos) (string, bool) {
	t := e.f.s.test
	if t == nil {
		return "", false
	}
	if t.onContext() {
		if e.inScope(t.ctx, pos) {
			return e.text(t.ctx) + ".Err()", true
		}
	} else if e.inScope(t.err, pos) && isPure(t.err) {
		return e.text(t.err), true
	}
	if ctx := e.contextAt(pos); ctx != "" {
		return ctx + ".Err()", true
	}
	q := e.imports.qualifier(contextPath, pos)
	if t.sentinels == sentDeadline {
		return q + "DeadlineExceeded", true
	}
	return q + "Canceled", true
}

// returnText returns a return statement, valid at pos, that reports the
// cancellation error with zero values (or the named results) beside it.
func (e *edit) returnText(pos token.Pos) (string, bool) {
	fi := e.f.fi
	if fi.errIdx < 0 {
		return "", false
	}
	errText, ok := e.errText(pos)
	if !ok {
		return "", false
	}
	res := fi.sig.Results()
	parts := make([]string, res.Len())
	for i := range res.Len() {
		v := res.At(i)
		switch {
		case i == fi.errIdx:
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

// contextAt returns the name of a context the task received, valid at pos.
func (e *edit) contextAt(pos token.Pos) string {
	sig := e.f.fi.sig
	for i := range sig.Params().Len() {
		if p := sig.Params().At(i); isContextType(p.Type()) && p.Name() != "" && p.Name() != "_" && e.resolvesTo(p.Name(), pos, p) {
			return p.Name()
		}
	}
	return ""
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

// isPure reports whether evaluating x again has no effect: names and
// field selections.
func isPure(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPure(x.X)
	}
	return false
}

// dropAssign removes `err = nil`, and the if around it when the if exists
// only for it, and the deferred literal around that when nothing else is
// in it.
func (e *edit) dropAssign(as *ast.AssignStmt) bool {
	var stmt ast.Node = as
	cur, ok := e.fx.insp.Root().FindNode(as)
	if !ok {
		return false
	}
	if ifs, ok := enclosingIfOnly(cur, as); ok && ifs.Init == nil && ifs.Else == nil && e.isTestCond(ifs.Cond) {
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
	t := e.f.s.test
	ref, ok := e.f.fi.tests[ast.Unparen(cond)]
	return t != nil && ok && ref.test == t && ref.positive
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
	cur, ok := e.fx.insp.Root().FindNode(ret)
	if !ok {
		return false
	}
	ifs, ok := enclosingIfOnly(cur, ret)
	if !ok || ifs.Init != nil || ifs.Else != nil || !e.isTestCond(ifs.Cond) || e.f.s.test.onContext() {
		return false
	}
	ifCur := cur.Parent().Parent()
	next, ok := ifCur.NextSibling()
	if !ok {
		return false
	}
	nextRet, ok := next.Node().(*ast.ReturnStmt)
	fi := e.f.fi
	if !ok || len(nextRet.Results) != fi.sig.Results().Len() || fi.errIdx < 0 {
		return false
	}
	if types.ExprString(nextRet.Results[fi.errIdx]) != types.ExprString(e.f.s.test.err) {
		return false
	}
	// The other results must be the same too, or the caller sees a change:
	// for a bare return, the named results themselves.
	res := fi.sig.Results()
	for i := range nextRet.Results {
		if i == fi.errIdx {
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

// condChain is where a test sits in an if condition: one operand of a
// chain of && (or of ||), or the whole condition.
type condChain struct {
	ifs      *ast.IfStmt
	op       token.Token // token.LAND, token.LOR, or token.ILLEGAL for a lone test
	root     ast.Expr    // the chain, as it appears in the condition
	operands []ast.Expr
	positive bool // whether the test's operand is true on cancellation
}

// chain returns the condition chain around test expression x.
func (e *edit) chain(x ast.Expr) (condChain, bool) {
	cur, ok := e.fx.insp.Root().FindNode(x)
	if !ok {
		return condChain{}, false
	}
	c := condChain{op: token.ILLEGAL, positive: e.f.fi.tests[x].positive}
	node := cur
	// Up through parentheses and negations to the operand.
	for {
		p := node.Parent()
		if _, ok := p.Node().(*ast.ParenExpr); ok {
			node = p
			continue
		}
		if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.NOT {
			c.positive = !c.positive
			node = p
			continue
		}
		break
	}
	// Up through one kind of operator to the chain's root.
	for {
		p := node.Parent()
		b, ok := p.Node().(*ast.BinaryExpr)
		if ok && (b.Op == token.LAND || b.Op == token.LOR) && (c.op == token.ILLEGAL || c.op == b.Op) {
			c.op = b.Op
			node = p
			continue
		}
		if _, ok := p.Node().(*ast.ParenExpr); ok && c.op != token.ILLEGAL {
			if b, ok := p.Parent().Node().(*ast.BinaryExpr); ok && b.Op == c.op {
				node = p
				continue
			}
		}
		ifs, ok := p.Node().(*ast.IfStmt)
		if !ok || ifs.Cond != node.Node() {
			return condChain{}, false
		}
		c.ifs, c.root = ifs, ifs.Cond
		break
	}
	var flatten func(x ast.Expr)
	flatten = func(x ast.Expr) {
		if b, ok := x.(*ast.BinaryExpr); ok && b.Op == c.op {
			flatten(b.X)
			flatten(b.Y)
			return
		}
		if p, ok := x.(*ast.ParenExpr); ok {
			if b, ok := p.X.(*ast.BinaryExpr); ok && b.Op == c.op {
				flatten(p.X)
				return
			}
		}
		c.operands = append(c.operands, x)
	}
	flatten(c.root)
	return c, true
}

// editCondition handles a test whose holding branch is reached because a
// condition failed (err != nil && !errors.Is(err, context.Canceled) {
// return err }) or that shares its branch with other conditions
// (err == io.EOF || errors.Is(err, context.Canceled)): taking the test out
// of the condition sends the cancellation where other failures go.
func (e *edit) editCondition() bool {
	t := e.f.s.test
	if t == nil {
		return false
	}
	x, ok := t.node.(ast.Expr)
	if !ok {
		return false
	}
	c, ok := e.chain(x)
	if !ok {
		return false
	}
	site := e.f.s.site.Pos()
	inBody := c.ifs.Body.Pos() <= site && site < c.ifs.Body.End()
	switch {
	case !c.positive && !inBody && c.op != token.LOR:
		// if err != nil && !errors.Is(err, context.Canceled) { return err }
	case c.positive && inBody && c.op == token.LOR:
		// if err == io.EOF || errors.Is(err, context.Canceled) { return nil }
	default:
		return false
	}
	// Drop every operand that is this kind of test of the same value:
	// err != context.Canceled && err != context.DeadlineExceeded.
	var kept []string
	for _, op := range c.operands {
		if e.isSameTest(op, t, c.positive) {
			continue
		}
		kept = append(kept, e.text(op))
	}
	if len(kept) == len(c.operands) {
		return false
	}
	if len(kept) == 0 {
		// The test was the whole condition: a failure is any non-nil error.
		if c.positive || !isPureError(e.fx.info, t.operand) {
			return false
		}
		kept = []string{e.text(t.operand) + " != nil"}
	}
	sep := " && "
	if c.op == token.LOR {
		sep = " || "
	}
	e.replace(c.root, strings.Join(kept, sep))
	return true
}

// isSameTest reports whether operand is a test of t's value with the
// given polarity.
func (e *edit) isSameTest(operand ast.Expr, t *cancelTest, positive bool) bool {
	x := operand
	pos := true
	for {
		switch y := x.(type) {
		case *ast.ParenExpr:
			x = y.X
			continue
		case *ast.UnaryExpr:
			if y.Op == token.NOT {
				pos = !pos
				x = y.X
				continue
			}
		}
		break
	}
	ref, ok := e.f.fi.tests[x]
	if !ok {
		return false
	}
	if !ref.positive {
		pos = !pos
	}
	return pos == positive && (ref.test == t || sameSubject(ref.test, t))
}

// isPureError reports whether x is an error that can be read again
// without effect: a name, a field, or ctx.Err().
func isPureError(info *types.Info, x ast.Expr) bool {
	return x != nil && isErrorLike(info.TypeOf(x)) && (isPure(x) || contextErrCall(info, x) != nil)
}

func (e *edit) deleteRange(pos, end token.Pos) {
	d := analysis.TextEdit{Pos: pos, End: end}
	e.edits = append(e.edits, d)
	e.removed = append(e.removed, d)
}

func (e *edit) resultChanName() string {
	var names []string
	for obj := range e.f.fi.resultChans {
		names = append(names, obj.Name())
	}
	if len(names) != 1 {
		return ""
	}
	return names[0]
}

// guard adds a parent-liveness check to an owner's suppression:
// errors.Is(err, context.Canceled) becomes
// errors.Is(err, context.Canceled) && ctx.Err() == nil, and its negation
// !errors.Is(…) becomes (!errors.Is(…) || ctx.Err() != nil).
func (e *edit) guard() bool {
	t := e.f.s.test
	expr, ok := t.node.(ast.Expr)
	if !ok {
		return false
	}
	ctx := e.contextAt(expr.Pos())
	if ctx == "" {
		return false
	}
	cur, ok := e.fx.insp.Root().FindNode(expr)
	if !ok {
		return false
	}
	positive := e.f.fi.tests[expr].positive
	target := ast.Node(expr)
	for c := cur.Parent(); ; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.ParenExpr:
			target = n
			continue
		case *ast.UnaryExpr:
			if n.Op == token.NOT {
				positive = !positive
				target = n
				continue
			}
		}
		parent := c.Node()
		text := e.text(target)
		var guarded string
		if positive {
			guarded = text + " && " + ctx + ".Err() == nil"
		} else {
			guarded = "(" + text + " || " + ctx + ".Err() != nil)"
		}
		if b, isBin := parent.(*ast.BinaryExpr); isBin && (b.Op == token.LAND || b.Op == token.LOR) && positive {
			guarded = "(" + guarded + ")"
		}
		e.replace(target, guarded)
		return true
	}
}
