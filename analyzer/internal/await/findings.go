package await

// This file finds the owner's-side leaks of a package: which functions are
// examined (not main, not what only main calls, not tests), which groups
// they create, and which leaks each mode reports.

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// WaitFinding is one unawaited diagnostic before it is reported.
type WaitFinding struct {
	fn    ast.Node // the function
	Body  *ast.BlockStmt
	sig   *types.Signature
	Group *TaskGroup
	Leak  *Leak // nil for a group never waited on
	// Stuck says the group's goroutine then blocks forever sending on
	// its unbuffered channel; Also lists the later returns that leave it
	// so too, reported with this one.
	Stuck bool
	Also  []token.Pos
}

// Site returns where the finding is reported.
func (f *WaitFinding) Site() (token.Pos, token.Pos) {
	switch {
	case f.Leak == nil:
		return f.Group.Created.Pos(), f.Group.Created.End()
	case f.Leak.Implied:
		return f.Body.Rbrace, f.Body.Rbrace + 1
	}
	return f.Leak.Ret.Pos(), f.Leak.Ret.End()
}

// UnawaitedOf finds the unawaited findings of the package.
func UnawaitedOf(pass *analysis.Pass, insp *inspector.Inspector, tests recognize.TestFiles, gf *GroupFinder) []*WaitFinding {
	info := pass.TypesInfo
	gf.files = pass.Files
	gf.decls = recognize.NewDecls(info, pass.Files)
	decls := gf.groupDecls(info, pass.Files)
	if len(decls) == 0 {
		return nil
	}
	onlyMain := onlyMainCalls(pass.Pkg, info, insp)
	var out []*WaitFinding
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		n := cur.Node()
		if !decls[recognize.DeclAt(pass.Files, n.Pos())] || tests.At(pass.Fset, n.Pos()) {
			continue
		}
		var body *ast.BlockStmt
		var sig *types.Signature
		switch n := n.(type) {
		case *ast.FuncDecl:
			fn, _ := info.Defs[n.Name].(*types.Func)
			if n.Body == nil || fn == nil || onlyMain[fn] {
				continue // main and what only main calls: the process ends the tasks
			}
			body, sig = n.Body, fn.Signature()
		case *ast.FuncLit:
			body = n.Body
			sig, _ = info.TypeOf(n).(*types.Signature)
			if inMain(cur, onlyMain, info) {
				continue
			}
		}
		if sig == nil {
			continue
		}
		groups := gf.groupsOf(info, n, body)
		var kept []*TaskGroup
		for _, g := range groups {
			if g.escapes {
				continue // someone else may wait
			}
			if len(g.waits) == 0 && len(g.deferred) == 0 {
				if !g.Channel { // a channel nobody here reads reports elsewhere
					out = append(out, &WaitFinding{fn: n, Body: body, sig: sig, Group: g})
				}
				continue
			}
			kept = append(kept, g)
		}
		if len(kept) == 0 {
			continue
		}
		var leaks []*WaitFinding
		for _, l := range leaksOf(info, body, sig, kept, gf.fieldSendsOnlyFailures(info), gf.Constructors) {
			if l.Collecting && !l.Failure {
				continue // the loop's own count may have seen them all (go-zglob's out == 0)
			}
			if l.group.endsOnItsOwn(info) {
				// It has room for its one result and finishes without a
				// receiver: the accepted idiom, and what the buffer fix
				// makes (gval#107, podman#8175), reported in neither mode.
				continue
			}
			if gf.Strict || gf.byDefault(info, l, body) {
				l := l
				leaks = append(leaks, &WaitFinding{fn: n, Body: body, sig: sig, Group: l.group, Leak: &l, Stuck: l.group.blocksForever(info)})
			}
		}
		out = append(out, oncePerStuckGroup(leaks)...)
	}
	return out
}

// oncePerStuckGroup keeps, of the findings of a group whose goroutines
// are left blocked forever, the first return: one goroutine, one finding,
// one fix; the other returns that leave it become its Also.
func oncePerStuckGroup(leaks []*WaitFinding) []*WaitFinding {
	sort.SliceStable(leaks, func(i, j int) bool { return leaks[i].Leak.Ret.Pos() < leaks[j].Leak.Ret.Pos() })
	first := make(map[*TaskGroup]*WaitFinding)
	var out []*WaitFinding
	for _, f := range leaks {
		if f.Stuck {
			if k := first[f.Group]; k != nil {
				k.Also = append(k.Also, f.Leak.Ret.Pos())
				continue
			}
			first[f.Group] = f
		}
		out = append(out, f)
	}
	return out
}

// byDefault reports whether the default mode reports leak l: a fan-out
// left on a failure with nothing waited for before, whose tasks do more
// than compute; or a goroutine left blocked forever on its result
// channel. Other result channels' leaks are -strict's: their goroutines
// end on their own.
func (gf *GroupFinder) byDefault(info *types.Info, l Leak, body *ast.BlockStmt) bool {
	if l.group.Channel {
		// Blocked forever: the dataflow already knows which results were
		// received on this path.
		return l.group.blocksForever(info)
	}
	return l.fanOut && l.Failure && !waitsBefore(l.group, l.Ret, body) && !gf.computesOnly(info, l.group)
}

// groupDecls returns the top-level declarations that declare a local
// variable of a group type, or of a struct holding one: only those can
// create a group.
func (gf *GroupFinder) groupDecls(info *types.Info, files []*ast.File) map[ast.Decl]bool {
	decls := make(map[ast.Decl]bool)
	for id, obj := range info.Defs {
		v, ok := obj.(*types.Var)
		if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
			continue
		}
		if gf.isGroupType(v.Type()) || len(gf.groupFields(v.Type())) > 0 {
			if d := recognize.DeclAt(files, id.Pos()); d != nil {
				decls[d] = true
			}
		}
	}
	return decls
}

// WaitText is the statement that waits for the group, discarding what Wait
// returns: the function already returns its own result.
func WaitText(g *TaskGroup) string {
	name := g.Name
	if g.waitResults == 0 {
		return name + ".Wait()"
	}
	return strings.Repeat("_, ", g.waitResults-1) + "_ = " + name + ".Wait()"
}

// waitsBefore reports whether the group is waited on somewhere between its
// first task and the return, in the order of the source: the return then
// belongs to the collection the function does, conditional waits included
// (if len(pending) == 0 { wg.Wait() }), and only the audit lists it. The
// leak a maintainer takes is the return that comes before any Wait. A
// wait in another case of the select the return is in is no wait before
// it: select { case <-done: …; case err := <-errc: return err }.
func waitsBefore(g *TaskGroup, ret *ast.ReturnStmt, body *ast.BlockStmt) bool {
	first := token.NoPos
	for _, s := range g.Starts {
		if !first.IsValid() || s < first {
			first = s
		}
	}
	arms := selectArms(body)
	otherArm := func(w token.Pos) bool {
		for _, sel := range arms {
			var waitArm, retArm ast.Stmt
			for _, c := range sel.Body.List {
				if c.Pos() <= w && w < c.End() {
					waitArm = c
				}
				if c.Pos() <= ret.Pos() && ret.Pos() < c.End() {
					retArm = c
				}
			}
			if waitArm != nil && retArm != nil && waitArm != retArm {
				return true
			}
		}
		return false
	}
	for _, w := range append(append([]token.Pos(nil), g.waits...), g.deferred...) {
		if first < w && w < ret.Pos() && !otherArm(w) {
			return true
		}
	}
	return false
}

// selectArms returns the selects of body, nested literals aside.
func selectArms(body *ast.BlockStmt) []*ast.SelectStmt {
	var out []*ast.SelectStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			out = append(out, n)
		}
		return true
	})
	return out
}

// fieldSendsOnlyFailures returns whether every send in the package on a
// channel field (t.errs <- err) sends a certainly non-nil error, with at
// least one send; computed per field on first use.
func (gf *GroupFinder) fieldSendsOnlyFailures(info *types.Info) func(types.Object) bool {
	return func(f types.Object) bool {
		if f == nil {
			return false
		}
		if v, ok := gf.fieldSends[f]; ok {
			return v
		}
		ok, sends := true, 0
		for _, file := range gf.files {
			ast.PreorderStack(file, nil, func(n ast.Node, stack []ast.Node) bool {
				s, isSend := n.(*ast.SendStmt)
				if !ok || !isSend {
					return ok
				}
				sel, isSel := ast.Unparen(s.Chan).(*ast.SelectorExpr)
				if !isSel || info.Uses[sel.Sel] != f {
					return true
				}
				sends++
				ok = failureValue(info, s.Value, append(stack[:len(stack):len(stack)], s, s.Value), gf.Constructors)
				return ok
			})
		}
		if gf.fieldSends == nil {
			gf.fieldSends = make(map[types.Object]bool)
		}
		gf.fieldSends[f] = ok && sends > 0
		return gf.fieldSends[f]
	}
}

// WaitsConditionally reports whether the function waits for the group
// only under a condition whose branch then goes on to the leaking return:
// if exiting { wg.Wait() }; return nil. Not waiting otherwise looks deliberate (a
// reload that must not block on the stops it started), and whether to
// wait there is the author's choice.
func (f *WaitFinding) WaitsConditionally() bool {
	if f.Leak == nil {
		return false
	}
	at := f.Leak.Ret.Pos()
	if f.Leak.Implied {
		at = f.Body.Rbrace
	}
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		if _, isLit := n.(*ast.FuncLit); isLit {
			return false
		}
		ifs, ok := n.(*ast.IfStmt)
		if !ok || ifs.End() > at {
			return true
		}
		branches := []ast.Stmt{ifs.Body}
		if ifs.Else != nil {
			branches = append(branches, ifs.Else)
		}
		for _, b := range branches {
			block, ok := b.(*ast.BlockStmt)
			if !ok || !fallsThrough(block) {
				continue
			}
			for _, w := range f.Group.waits {
				if block.Pos() <= w && w < block.End() {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// fallsThrough reports whether the block can end without leaving: its
// last statement is not a return, a jump or a panic.
func fallsThrough(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return true
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return false
	case *ast.ExprStmt:
		if call, ok := last.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return false
			}
		}
	}
	return true
}
