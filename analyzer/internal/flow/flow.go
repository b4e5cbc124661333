package flow

// This file is the part of the path walker that follows control flow:
// loops, iterated to a fixpoint, switch and select clauses with their
// fallthrough, and the break and continue statements that leave them,
// where a continue taken after the target held is a loop swallow when it
// goes back to more work under the same context.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// frame is an enclosing loop, switch or select that break and continue target.
type frame struct {
	node     ast.Stmt
	label    string
	loop     bool
	brk      stateSet
	cont     stateSet
	workFrom token.Pos // position of the first context-taking call in the loop

	guarded bool // the loop condition checks that a context is live
}

func (w *Walker) branch(s *ast.BranchStmt, in stateSet) {
	name := ""
	if s.Label != nil {
		name = s.Label.Name
	}
	switch s.Tok {
	case token.BREAK:
		if f := w.frameFor(name, false); f != nil {
			f.brk = union(f.brk, in)
		}
	case token.CONTINUE:
		f := w.frameFor(name, true)
		if f == nil {
			return
		}
		var out stateSet
		for _, st := range in {
			if st.phase == PhaseHolds && st.cont == 0 && w.target != nil && st.last == uint16(w.target.Index) && (f.workFrom.IsValid() || takesContext(w.info, f.node)) {
				st.cont = w.site(s)
				rec := st
				// The loop head checks the context again before more work.
				rec.live = rec.live || f.guarded
				idle := !f.workFrom.IsValid() || f.workFrom > w.target.Node.Pos()
				w.record(Outcome{Kind: OutContinue, Node: s, Idle: idle}, rec)
			}
			out = out.add(st)
		}
		f.cont = union(f.cont, out)
	case token.FALLTHROUGH:
		w.ft = union(w.ft, in)
	}
	// goto: the path is dropped; no finding depends on it.
}

// frameFor returns the frame a break or continue targets.
func (w *Walker) frameFor(label string, loop bool) *frame {
	for i := len(w.frames) - 1; i >= 0; i-- {
		f := w.frames[i]
		if f == nil {
			return nil // the boundary of an inlined literal
		}
		if label != "" {
			if f.label == label {
				return f
			}
			continue
		}
		if !loop || f.loop {
			return f
		}
	}
	return nil
}

func (w *Walker) push(f *frame) *frame {
	w.frames = append(w.frames, f)
	return f
}

func (w *Walker) pop() { w.frames = w.frames[:len(w.frames)-1] }

// maxIterations bounds the fixpoint of a loop.
const maxIterations = 4

func (w *Walker) forLoop(s *ast.ForStmt, label string, in stateSet) stateSet {
	if s.Init != nil {
		in = w.stmt(s.Init, in)
	}
	f := w.push(&frame{node: s, label: label, loop: true, workFrom: firstContextCall(w.info, s), guarded: w.hasGuard(s.Cond)})
	defer w.pop()
	head := in
	var exit stateSet
	for i := 0; ; i++ {
		t, fl := head, stateSet(nil)
		if s.Cond != nil {
			t, fl = w.cond(s.Cond, head)
		}
		exit = union(exit, fl)
		f.cont = nil
		back := union(w.block(s.Body.List, t), f.cont)
		if s.Cond == nil {
			back = w.backEdge(back)
		}
		if s.Post != nil {
			back = w.stmt(s.Post, back)
		}
		next := union(head, back)
		if len(next) == len(head) || i == maxIterations {
			break
		}
		head = next
	}
	return union(exit, f.brk)
}

// backEdge marks the states that go around an endless loop after a done
// observation held: the loop then waits, receives or sends again, and a
// nil it returns later answers another condition, not the observation (an
// empty case <-ctx.Done() that abandons a send, a flag set for later). A
// loop that ends by itself (a range, a condition) is different: the nil
// after it is shared by completion and cancellation alike.
func (w *Walker) backEdge(back stateSet) stateSet {
	if w.target == nil || w.target.Kind != recognize.KindDone {
		return back
	}
	var out stateSet
	for _, st := range back {
		if st.phase == PhaseHolds {
			st.looped = true
		}
		out = out.add(st)
	}
	return out
}

func (w *Walker) rangeLoop(s *ast.RangeStmt, label string, in stateSet) stateSet {
	in = w.exprs(s.X, in)
	f := w.push(&frame{node: s, label: label, loop: true, workFrom: firstContextCall(w.info, s)})
	defer w.pop()
	key, value := w.varOf(s.Key), w.varOf(s.Value)
	head := in
	for i := 0; ; i++ {
		var entry stateSet
		for _, st := range head {
			entry = entry.add(st.set(key, MaybeNil).set(value, MaybeNil))
		}
		f.cont = nil
		back := union(w.block(s.Body.List, entry), f.cont)
		next := union(head, back)
		if len(next) == len(head) || i == maxIterations {
			head = next
			break
		}
		head = next
	}
	return union(head, f.brk)
}

func (w *Walker) switchStmt(s *ast.SwitchStmt, label string, in stateSet) stateSet {
	if s.Init != nil {
		in = w.stmt(s.Init, in)
	}
	if s.Tag != nil {
		in = w.exprs(s.Tag, in)
	}
	f := w.push(&frame{node: s, label: label})
	defer w.pop()
	clauses := s.Body.List
	entries := make([]stateSet, len(clauses))
	rest, def := in, -1
	for i, c := range clauses {
		cc := c.(*ast.CaseClause)
		if cc.List == nil {
			def = i
			continue
		}
		if ref, ok := w.fn.Tests[cc]; ok {
			holds, fails := w.fork(ref.Test, rest)
			if ref.Positive {
				entries[i], rest = holds, fails
			} else {
				entries[i], rest = fails, holds
			}
			continue
		}
		var match stateSet
		for _, v := range cc.List {
			var t, fl stateSet
			switch ref, ok := w.fn.Tests[v]; {
			case s.Tag == nil:
				t, fl = w.cond(v, rest)
			case ok:
				holds, fails := w.fork(ref.Test, rest)
				t, fl = holds, fails
				if !ref.Positive {
					t, fl = fails, holds
				}
			default:
				if eq, ne, ok := w.nilCompare(s.Tag, v, rest); ok {
					t, fl = eq, ne
				} else {
					rest = w.exprs(v, rest)
					t, fl = rest, rest
				}
			}
			match = union(match, t)
			rest = fl
		}
		entries[i] = match
	}
	var out stateSet
	if def >= 0 {
		entries[def] = rest
	} else {
		out = rest
	}
	return union(out, w.clauses(clauses, entries, f))
}

// clauses walks case bodies from their entry states, with fallthrough.
func (w *Walker) clauses(clauses []ast.Stmt, entries []stateSet, f *frame) stateSet {
	var out, ft stateSet
	for i, c := range clauses {
		var body []ast.Stmt
		switch c := c.(type) {
		case *ast.CaseClause:
			body = c.Body
		case *ast.CommClause:
			body = c.Body
		}
		w.ft = nil
		out = union(out, w.block(body, union(entries[i], ft)))
		ft = w.ft
	}
	w.ft = nil
	return union(out, f.brk)
}

func (w *Walker) typeSwitch(s *ast.TypeSwitchStmt, label string, in stateSet) stateSet {
	if s.Init != nil {
		in = w.stmt(s.Init, in)
	}
	f := w.push(&frame{node: s, label: label})
	defer w.pop()
	entries := make([]stateSet, len(s.Body.List))
	hasDefault := false
	for i, c := range s.Body.List {
		entries[i] = in
		if c.(*ast.CaseClause).List == nil {
			hasDefault = true
		}
	}
	out := w.clauses(s.Body.List, entries, f)
	if !hasDefault {
		out = union(out, in)
	}
	return out
}

func (w *Walker) selectStmt(s *ast.SelectStmt, label string, in stateSet) stateSet {
	f := w.push(&frame{node: s, label: label})
	defer w.pop()
	if !hasDefault(s) {
		in = forgetLive(in) // a wait: the context may end during it
	}
	clauses := s.Body.List
	entries := make([]stateSet, len(clauses))
	rest := in
	// A blocking select picks among the ready cases at random: that its
	// Done case was not taken proves nothing about the context. Only a
	// default case, taken because nothing was ready, does.
	w.noLiveProof = !hasDefault(s)
	for i, c := range clauses {
		if ref, ok := w.fn.Tests[c]; ok {
			holds, fails := w.fork(ref.Test, rest)
			entries[i], rest = holds, fails
		}
	}
	w.noLiveProof = false
	// Other cases run when the context is live, or when it is done but
	// their channel was ready too.
	done := in.filter(func(st state) bool { return st.phase == PhaseHolds })
	for i, c := range clauses {
		cc := c.(*ast.CommClause)
		if _, ok := w.fn.Tests[cc]; ok {
			continue
		}
		if cc.Comm == nil {
			entries[i] = rest
			continue
		}
		entries[i] = w.comm(cc.Comm, union(rest, done))
	}
	return w.clauses(clauses, entries, f)
}

// comm applies the communication of a select case.
func (w *Walker) comm(s ast.Stmt, in stateSet) stateSet {
	switch s := s.(type) {
	case *ast.SendStmt:
		return w.send(s, in)
	case *ast.AssignStmt:
		var out stateSet
		for _, st := range in {
			for _, lhs := range s.Lhs {
				st = st.set(w.varOf(lhs), MaybeNil)
			}
			out = out.add(st)
		}
		return out
	}
	return in
}

// firstContextCall returns the position of the first call in loop s that
// is passed a context: the work a continue goes back to.
func firstContextCall(info *types.Info, s ast.Stmt) token.Pos {
	first := token.NoPos
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			for _, arg := range n.Args {
				if recognize.IsContextType(info.TypeOf(arg)) {
					if !first.IsValid() || n.Pos() < first {
						first = n.Pos()
					}
					break
				}
			}
		}
		return true
	})
	return first
}

// hasDefault reports whether a select has a default case: it does not wait.
func hasDefault(s *ast.SelectStmt) bool {
	for _, c := range s.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			return true
		}
	}
	return false
}

// hasGuard reports whether a loop condition holds a liveness guard.
func (w *Walker) hasGuard(cond ast.Expr) bool {
	found := false
	if cond != nil {
		ast.Inspect(cond, func(n ast.Node) bool {
			if ref, ok := w.fn.Tests[n]; ok && ref.Test.Guard {
				found = true
			}
			return !found
		})
	}
	return found
}

// takesContext reports whether a call in s, in the literals it holds too
// (go func() { f(ctx, t) }()), is handed a context.
func takesContext(info *types.Info, s ast.Node) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			for _, arg := range call.Args {
				if recognize.IsContextType(info.TypeOf(arg)) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
