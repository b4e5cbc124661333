package fix

// This file builds the one suggested fix of each diagnostic. The fix makes
// the task propagate the cancellation — return the tested error instead of
// nil, drop `err = nil`, turn `continue` into a return, send the error, pass
// a suppressor's argument through, or take a negated test out of the
// condition that reports failures — and, where the owner that cancels the
// context awaits the task in the same function, moves the suppression to
// that await site (awaitsite.go). Edits are small and keep the user's text;
// multi-line insertions take the indentation of the line they join, so
// the result is gofmt-clean without reformatting.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/swallows"
)

// Finding is a swallow with the function it is in and its verdict: what
// reporting and fixing read, decided once.
type Finding struct {
	Fi  *flow.FuncInfo
	S   *swallows.Swallow
	Cur inspector.Cursor // the function
	// Await is the owner's await rewrite that suppresses the cancellation
	// where the task is awaited, shared by the tasks awaited there, or
	// nil when the owner is further up.
	Await *AwaitFix
	// Fix is the suggested fix, or nil; Withheld then says why there is
	// none (a caller that would log every stop, a generated file, …).
	Fix      *analysis.SuggestedFix
	Withheld string
}

// Fixer builds fixes for the findings of one package.
type Fixer struct {
	pass  *analysis.Pass
	info  *types.Info
	insp  *inspector.Inspector
	files map[*token.File]*ast.File
	src   map[*token.File][]byte
	uses  map[*ast.File]map[*types.PkgName][]token.Pos // pkgNameUses, by file, made when a fix removes text
}

func NewFixer(pass *analysis.Pass, insp *inspector.Inspector) *Fixer {
	fx := &Fixer{pass: pass, info: pass.TypesInfo, insp: insp, files: make(map[*token.File]*ast.File), src: make(map[*token.File][]byte), uses: make(map[*ast.File]map[*types.PkgName][]token.Pos)}
	for _, f := range pass.Files {
		fx.files[pass.Fset.File(f.FileStart)] = f
	}
	return fx
}

// File returns the syntax, token file and source text holding pos.
func (fx *Fixer) File(pos token.Pos) (*ast.File, *token.File, []byte) {
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

// editable returns the file at pos, with its source, or why no fix can
// edit it.
func (fx *Fixer) editable(pos token.Pos) (*ast.File, *token.File, []byte, string) {
	file, tok, src := fx.File(pos)
	switch {
	case file == nil:
		return nil, nil, nil, "the file is not part of the package's source"
	case ast.IsGenerated(file) && byCgo(file):
		// cgo rewrote the file the pass sees; an edit there would not be
		// an edit of the file the user wrote.
		return nil, nil, nil, "the package uses cgo, and the analysis sees the files as cgo rewrote them"
	case ast.IsGenerated(file):
		return nil, nil, nil, "the file is generated"
	case src == nil:
		return nil, nil, nil, "the file differs from the source it was compiled from"
	}
	return file, tok, src, ""
}

// importPlan starts the import plan of one fix in file.
func (fx *Fixer) importPlan(file *ast.File, tok *token.File, src []byte) *importPlan {
	uses := func() map[*types.PkgName][]token.Pos {
		u, ok := fx.uses[file]
		if !ok {
			u = pkgNameUses(fx.info, file)
			fx.uses[file] = u
		}
		return u
	}
	return newImportPlan(fx.pass.Pkg, fx.info, file, tok, src, uses)
}

// edit is the fix under construction for one finding.
type edit struct {
	fx      *Fixer
	f       *Finding
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
	d := DeleteLines(e.tok, e.src, pos, end)
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

// FixOf returns the suggested fix of f, whose await rewrite at the owner
// (f.Await) it includes. Without a fix, it says why none applies.
func (fx *Fixer) FixOf(f *Finding) (analysis.SuggestedFix, string) {
	owner := f.Await
	file, tok, src, why := fx.editable(f.S.Site.Pos())
	switch {
	case why != "":
		return analysis.SuggestedFix{}, why
	case f.Withheld != "":
		return analysis.SuggestedFix{}, f.Withheld
	case f.S.Kind == swallows.SwallowMaybeNil:
		// The returned error may be a real failure: which of the two to
		// report, or how to join them, is the author's choice.
		return analysis.SuggestedFix{}, "the error returned there may be a real failure"
	case f.S.Kind == swallows.SwallowContinue && f.S.Drains:
		return analysis.SuggestedFix{}, "the loop goes on without working, or ends in a return that may report the cancellation: where to stop is the author's choice"
	case owner != nil && owner.Withheld != "":
		return analysis.SuggestedFix{}, owner.Withheld
	case f.S.Test != nil && f.S.Test.Mixed:
		// Propagating would report the other errors the helper matches
		// too: that changes what else the code does.
		return analysis.SuggestedFix{}, "the helper also matches errors other than the cancellation"
	}
	e := &edit{fx: fx, f: f, file: file, tok: tok, src: src}
	e.imports = fx.importPlan(file, tok, src)
	var msg string
	if f.S.Category == swallows.CatOwner {
		guarded := false
		if f.S.Test != nil && f.S.Test.Kind == recognize.KindDone && !f.Fi.ChanMode() {
			guarded = e.guardBranch()
		} else {
			guarded = e.guard()
		}
		if !guarded {
			return analysis.SuggestedFix{}, "no name for the parent context is in scope"
		}
		msg = "Ignore the cancellation only while the parent context is live"
	} else {
		var ok bool
		msg, ok = e.propagate()
		if ok && e.returnsBeforeWait() {
			// thanos's SyncBlocks: return ctx.Err() in the feeding loop
			// leaves the workers blocked on the channel it no longer closes.
			return analysis.SuggestedFix{}, "a return there would leave the tasks started above running: it must go through their close and wait"
		}
		if ok && e.editsCond() && ownership.GuardsLogging(fx.info, f.Fi.Body, f.S.Test) {
			// mimir's block builder: if !errors.Is(err, context.Canceled)
			// { log; count } — the edit would let each stop through.
			return analysis.SuggestedFix{}, "the test also keeps each stop out of a log line or metric, where the cancellation would then be counted as a failure"
		}
		if !ok {
			if f.S.Apart {
				return analysis.SuggestedFix{}, "the nil here answers cancellation tests in more than one place"
			}
			return analysis.SuggestedFix{}, "no edit here reports the cancellation without changing what else the code does"
		}
		switch {
		case owner != nil:
			e.edits = append(e.edits, owner.edits(e)...)
			msg += " and ignore it at " + owner.Name
		default:
			msg += "; ignore it in the caller that cancels the context"
		}
	}
	e.edits = append(e.edits, e.imports.edits()...)
	e.edits = append(e.edits, e.imports.removeUnused(e.removed, e.kept)...)
	sortEdits(e.edits)
	return analysis.SuggestedFix{Message: msg, TextEdits: e.edits}, ""
}

// returnsBeforeWait reports whether the fix inserts a return between the
// start of tasks (a go statement, a group's Go) and the function's wait
// for them (a Wait call, or the close of the channel they range over).
func (e *edit) returnsBeforeWait() bool {
	body := e.f.Fi.Body
	for _, ed := range e.edits {
		if !strings.Contains(string(ed.NewText), "return") {
			continue
		}
		at := ed.Pos
		started, waited := false, false
		ast.Inspect(body, func(n ast.Node) bool {
			if _, isLit := n.(*ast.FuncLit); isLit && !(n.Pos() <= at && at < n.End()) {
				return false // another function's statements
			}
			switch n := n.(type) {
			case *ast.GoStmt:
				started = started || n.Pos() < at
			case *ast.CallExpr:
				name := ""
				switch fun := ast.Unparen(n.Fun).(type) {
				case *ast.SelectorExpr:
					name = fun.Sel.Name
				case *ast.Ident:
					name = fun.Name
				}
				switch {
				case name == "Go" && n.Pos() < at:
					started = true
				case (name == "Wait" || name == "close") && n.Pos() > at:
					waited = true
				}
			}
			return true
		})
		if started && waited {
			return true
		}
	}
	return false
}

// editsCond reports whether an edit falls in the condition around the
// finding's test: the fix lets the cancellation through it.
func (e *edit) editsCond() bool {
	t := e.f.S.Test
	if t == nil || t.Cond == nil {
		return false
	}
	for _, ed := range e.edits {
		if ed.Pos < t.Cond.End() && ed.End > t.Cond.Pos() {
			return true
		}
	}
	return false
}

// propagate adds the edits that make the task report the cancellation.
func (e *edit) propagate() (string, bool) {
	s := e.f.S
	switch s.Kind {
	case swallows.SwallowHelper:
		ret := s.Site.(*ast.ReturnStmt)
		call := ast.Unparen(ret.Results[e.f.Fi.ErrIdx]).(*ast.CallExpr)
		e.replace(call, e.text(s.HelperArg))
		return "Return the error instead of " + s.Helper.Name() + "'s result", true
	case swallows.SwallowAssign:
		return "Keep the cancellation error", e.dropAssign(s.Site.(*ast.AssignStmt))
	case swallows.SwallowContinue:
		br := s.Site.(*ast.BranchStmt)
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
	if e.f.Fi.ChanMode() {
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
	e.imports = e.fx.importPlan(e.file, e.tok, e.src)
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
	// A local variable or label lives in one top-level declaration, so
	// only the declarations holding removed text need a look: walking the
	// whole file for every fix would make a file's fixes quadratic.
	decls := e.declsOfRemoved()
	lost := make(map[types.Object]bool)
	for _, d := range decls {
		ast.Inspect(d, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && inRemoved(id.Pos()) && isLocal(e.fx.info.Uses[id]) {
				lost[e.fx.info.Uses[id]] = true
			}
			return true
		})
	}
	if len(lost) == 0 {
		return false
	}
	for _, d := range decls {
		ast.PreorderStack(d, nil, func(n ast.Node, stack []ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && !inRemoved(id.Pos()) && lost[e.fx.info.Uses[id]] {
				// code = status.Code(err) assigns code but does not use
				// it: the compiler still calls it unused.
				if as, ok := stack[len(stack)-1].(*ast.AssignStmt); !ok || !recognize.AssignedBy(as, id) {
					delete(lost, e.fx.info.Uses[id])
				}
			}
			return len(lost) > 0
		})
	}
	// A variable whose declaration goes too is no orphan, nor one that
	// the new text names again.
	for obj := range lost {
		if inRemoved(obj.Pos()) || e.kept(obj.Name()) {
			delete(lost, obj)
		}
	}
	return len(lost) > 0
}

// cursor returns the cursor of n, a node of the finding's function. It
// searches that function only: a search from the root is linear in the
// package, once per fix.
func (e *edit) cursor(n ast.Node) (inspector.Cursor, bool) {
	if cur, ok := e.f.Cur.FindNode(n); ok {
		return cur, true
	}
	return e.fx.insp.Root().FindNode(n)
}

// declsOfRemoved returns the top-level declarations that overlap a
// removed range, in file order.
func (e *edit) declsOfRemoved() []ast.Decl {
	var out []ast.Decl
	for _, r := range e.removed {
		decls := e.file.Decls
		i := sort.Search(len(decls), func(i int) bool { return decls[i].End() > r.Pos })
		for ; i < len(decls) && decls[i].Pos() < r.End; i++ {
			if !slices.Contains(out, decls[i]) {
				out = append(out, decls[i])
			}
		}
	}
	return out
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

// byCgo reports whether file is cgo's rewrite of a file that imports "C".
func byCgo(file *ast.File) bool {
	for _, cg := range file.Comments {
		if cg.Pos() > file.Package {
			break
		}
		if strings.Contains(cg.Text(), "by cmd/cgo") {
			return true
		}
	}
	return false
}
