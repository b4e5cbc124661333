package analyzer

// This file turns the walker's outcomes into swallows. For each test of a
// task body, the outcomes on the path where the test held are candidates:
// a nil error returned (or assigned and then returned), a nil sent, a
// return without the send that every other path makes, a continue that
// goes back to more work. A candidate of an error test is a swallow only
// if the test makes a difference: on the path where it failed, some
// failure is reported in a way the cancellation is not. One more walk
// without a target tells how the function completes, which decides
// whether a done observation is reported by default and whether the
// function is a service loop.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/types/typeutil"
)

// swallowKind is the shape of a swallow.
type swallowKind uint8

const (
	swallowReturn   swallowKind = iota // return nil
	swallowAssign                      // err = nil, later returned
	swallowContinue                    // continue to more work
	swallowSend                        // errc <- nil
	swallowNoSend                      // returns without the send other paths make
	swallowHelper                      // return ignoreCanceled(err)
)

// swallow is one finding, before it is reported.
type swallow struct {
	site      ast.Node
	kind      swallowKind
	test      *cancelTest // nil for a helper
	helper    *types.Func
	helperArg ast.Expr // the argument the helper suppresses
	sentinels sentinels
	guarded   bool // every path to it checked the context live
	alike     bool // a wait that gives up alike on its own timer: -strict only
	onlyHeld  bool // every path to the site comes from where the test held
	owned     bool // the function owns the sentinels it drops
	category  category
	byDefault bool // reported without -strict
}

// completion is how a function ends when nothing was cancelled.
type completion struct {
	nilLiteral  bool // some path returns a literal nil (or a bare nil named result)
	serviceLoop bool // every such path returns an error that is certainly non-nil
	canFail     bool // some path, cancelled or not, reports an error that may be non-nil
	sendsNil    bool // some path not cancelled sends an error that may be nil: success travels too
}

// completionOf classifies the outcomes of a walk without target. A return
// that only checks a precondition before any work (if x == nil { return
// nil }) says "nothing to do", not "done": it counts neither way.
func completionOf(outs map[outcome]bool, fi *funcInfo) completion {
	c := completion{serviceLoop: true}
	pre := preconditions(fi)
	for o := range outs {
		if o.kind != outContinue && o.nl != certainlyNil {
			c.canFail = true
		}
		if o.kind == outSend && o.phase != phaseHolds && o.nl != certainlyNonNil {
			c.sendsNil = true
		}
		if o.kind != outReturn || o.phase == phaseHolds || pre[o.node] {
			continue
		}
		if o.nl == certainlyNil && o.literal {
			c.nilLiteral = true
		}
		if o.nl != certainlyNonNil {
			c.serviceLoop = false
		}
	}
	return c
}

// givesUpAlike reports whether t is a select case on ctx.Done() beside
// another way of giving up — a timer, or another context's Done() — that
// also returns nil: a best-effort wait that treats cancellation like its
// own timeout singles nothing out.
func givesUpAlike(fi *funcInfo, t *cancelTest) bool {
	cc, ok := t.node.(*ast.CommClause)
	if !ok {
		return false
	}
	var sel *ast.SelectStmt
	ast.Inspect(fi.body, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectStmt); ok {
			for _, c := range s.Body.List {
				if c == cc {
					sel = s
				}
			}
		}
		return sel == nil
	})
	if sel == nil {
		return false
	}
	for _, c := range sel.Body.List {
		other := c.(*ast.CommClause)
		if other == cc || !isGiveUp(fi, other) {
			continue
		}
		if returnsOnlyNil(fi, other.Body) {
			return true
		}
	}
	return false
}

// isGiveUp reports whether a select case waits for a timer or a context.
func isGiveUp(fi *funcInfo, cc *ast.CommClause) bool {
	if _, ok := fi.tests[cc]; ok {
		return true
	}
	u, ok := ast.Unparen(commRecv(cc.Comm)).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	ch, ok := types.Unalias(fi.info.TypeOf(u.X)).(*types.Chan)
	if !ok {
		if t := fi.info.TypeOf(u.X); t != nil {
			ch, ok = t.Underlying().(*types.Chan)
		}
	}
	if !ok {
		return false
	}
	named, ok := types.Unalias(ch.Elem()).(*types.Named)
	return ok && isPkgLevel(named.Obj(), "time", "Time")
}

// returnsOnlyNil reports whether the statements return, and only return
// a literal nil error.
func returnsOnlyNil(fi *funcInfo, body []ast.Stmt) bool {
	nils, others := 0, 0
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if fi.errIdx >= 0 && len(n.Results) > fi.errIdx && isNil(fi.info, n.Results[fi.errIdx]) {
					nils++
				} else {
					others++
				}
			}
			return true
		})
	}
	return nils > 0 && others == 0
}

// preconditions returns the returns of leading guard statements: ifs at
// the top of the body, before any loop, select or cancellation test, whose
// condition calls nothing but len and cap and whose body only returns.
func preconditions(fi *funcInfo) map[ast.Node]bool {
	pre := make(map[ast.Node]bool)
	for _, s := range fi.body.List {
		ifs, ok := s.(*ast.IfStmt)
		if !ok {
			switch s.(type) {
			case *ast.AssignStmt, *ast.DeclStmt:
				if !callsBeyondLen(fi.info, s) {
					continue // v := x.field: still before the work
				}
			}
			return pre
		}
		if ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 || callsBeyondLen(fi.info, ifs.Cond) || hasTest(fi, ifs.Cond) {
			return pre
		}
		ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
		if !ok {
			return pre
		}
		pre[ret] = true
	}
	return pre
}

// callsBeyondLen reports whether e calls anything but len or cap.
func callsBeyondLen(info *types.Info, e ast.Node) bool {
	calls := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if b, ok := typeutil.Callee(info, call).(*types.Builtin); !ok || b.Name() != "len" && b.Name() != "cap" {
				calls = true
			}
		}
		return !calls
	})
	return calls
}

// hasTest reports whether e holds a cancellation test of fi.
func hasTest(fi *funcInfo, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := fi.tests[n]; ok {
			found = true
		}
		return !found
	})
	return found
}

// differs reports whether the path where the test failed reports some
// failure in a way the path where it held does not.
func differs(outs map[outcome]bool) bool {
	type key struct {
		node ast.Node
		nil  bool
	}
	held := make(map[key]bool)
	for o := range outs {
		if o.phase == phaseHolds && o.kind != outContinue {
			held[key{o.node, o.nl == certainlyNil}] = true
		}
	}
	for o := range outs {
		if o.phase == phaseFails && o.kind != outContinue && o.nl != certainlyNil && !held[key{o.node, false}] {
			return true
		}
	}
	return false
}

// swallowsOf finds the swallows of task body fi.
func swallowsOf(info *types.Info, fi *funcInfo, h *helperSet, own *ownership) []*swallow {
	all := newWalker(info, fi, nil, h.suppressor).run()
	done := completionOf(all, fi)
	sites := make(map[ast.Node]*swallow)
	var order []ast.Node
	add := func(s *swallow, live bool) {
		prev, ok := sites[s.site]
		if !ok {
			s.guarded = live
			sites[s.site] = s
			order = append(order, s.site)
			return
		}
		prev.guarded = prev.guarded && live
		// The latest test on the path decides: it is the innermost. Of two
		// tests in one condition (errors.Is(err, context.Canceled) ||
		// ctx.Err() != nil), the one that names a sentinel does.
		if prev.test != nil && s.test != nil {
			sameCond := prev.test.cond != nil && prev.test.cond == s.test.cond
			switch {
			case sameCond && prev.test.kind != s.test.kind:
				if s.test.kind == kindError {
					prev.test, prev.kind, prev.sentinels = s.test, s.kind, s.sentinels
				}
			case prev.test.kind != s.test.kind:
				if s.test.node.Pos() > prev.test.node.Pos() {
					prev.test, prev.kind, prev.sentinels = s.test, s.kind, s.sentinels
				}
			default: // err != Canceled && err != DeadlineExceeded: both count
				prev.sentinels |= s.sentinels
				if s.test.node.Pos() > prev.test.node.Pos() {
					prev.test, prev.kind = s.test, s.kind
				}
			}
		} else {
			prev.sentinels |= s.sentinels
		}
	}

	for _, o := range sorted(all) {
		if o.kind == outReturn && o.helper != nil {
			sup := h.suppressor(o.helper)
			call := ast.Unparen(o.node.(*ast.ReturnStmt).Results[fi.errIdx]).(*ast.CallExpr)
			add(&swallow{site: o.node, kind: swallowHelper, helper: o.helper, helperArg: call.Args[sup.Param], sentinels: sup.Sentinels}, o.live)
		}
	}
	for _, t := range fi.testList {
		if t.guard {
			continue
		}
		alike := givesUpAlike(fi, t)
		outs := newWalker(info, fi, t, h.suppressor).run()
		var alwaysSends, failureOnly bool
		if fi.chanMode() {
			alwaysSends = sendsOnEveryOtherPath(outs)
			failureOnly = sendsOnlyFailures(outs)
		}
		// An error test swallows only where it makes a difference.
		differ := t.kind == kindDone || differs(outs)
		for _, o := range sorted(outs) {
			if o.phase != phaseHolds || o.last != uint16(t.index) || o.looped {
				continue
			}
			site := o.site
			if site == nil {
				site = o.node
			}
			if completedAnyway(fi, t, site) {
				continue
			}
			s := &swallow{site: o.node, test: t, sentinels: t.sentinels, alike: alike, onlyHeld: onlyHeld(outs, o.node, t)}
			switch {
			case o.kind == outContinue:
				if !differs(outs) || keptAfter(outs, o.node) {
					continue
				}
				s.kind = swallowContinue
			case fi.chanMode() && o.kind == outSend && o.nl == certainlyNil && differ:
				s.kind = swallowSend
				if as, ok := o.site.(*ast.AssignStmt); ok {
					s.site, s.kind = as, swallowAssign
				}
			case fi.chanMode() && o.kind == outReturn && !o.sent && (alwaysSends || failureOnly && t.kind == kindError) && differ:
				s.kind = swallowNoSend
			case !fi.chanMode() && o.kind == outReturn && o.nl == certainlyNil && differ:
				if ret, ok := o.node.(*ast.ReturnStmt); ok && reportedByOtherResult(fi, ret, heldReturns(outs, t)) {
					continue // return res, true, nil: the caller is told
				}
				s.kind = swallowReturn
				switch o.site.(type) {
				case *ast.AssignStmt:
					s.site, s.kind = o.site, swallowAssign
				case *ast.BranchStmt:
					continue // reported at the continue itself
				}
			default:
				continue
			}
			add(s, o.live)
		}
	}

	var out []*swallow
	for _, site := range order {
		s := sites[site]
		if s.guarded {
			continue // a liveness guard: suppression where it belongs
		}
		if s.test != nil {
			s.owned = own.owns(s.test)&s.sentinels != 0
		} else {
			s.owned = own.ownsWork()&s.sentinels != 0
		}
		s.category, s.byDefault = categoryOf(fi, s, done, own)
		if s.category != catNone {
			out = append(out, s)
		}
	}
	return out
}

// completedAnyway reports whether site, on the branch where t held, is in a
// select case that receives the operation's own completion signal — the
// channel that the function also waits on outside that branch: the work
// finished despite the cancellation (a semaphore acquired just after its
// context was cancelled), so its nil is no swallow.
func completedAnyway(fi *funcInfo, t *cancelTest, site ast.Node) bool {
	if site == nil || site.Pos() < t.node.Pos() || site.End() > t.node.End() {
		return false
	}
	var ch types.Object
	ast.Inspect(t.node, func(n ast.Node) bool {
		cc, ok := n.(*ast.CommClause)
		if !ok || cc == t.node || site.Pos() < cc.Pos() || site.End() > cc.End() {
			return ch == nil
		}
		if u, ok := ast.Unparen(commRecv(cc.Comm)).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			ch = subjectOf(fi.info, u.X)
		}
		return ch == nil
	})
	if ch == nil {
		return false
	}
	elsewhere := false
	ast.Inspect(fi.body, func(n ast.Node) bool {
		if n == t.node {
			return false
		}
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW && subjectOf(fi.info, u.X) == ch {
			elsewhere = true
		}
		return !elsewhere
	})
	return elsewhere
}

// sorted returns the outcomes in source order, so that merging candidates
// at one site does not depend on map order.
func sorted(outs map[outcome]bool) []outcome {
	list := make([]outcome, 0, len(outs))
	for o := range outs {
		list = append(list, o)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.node.Pos() != b.node.Pos() {
			return a.node.Pos() < b.node.Pos()
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.live != b.live {
			return !a.live
		}
		return a.nl < b.nl
	})
	return list
}

// keptAfter reports whether every return reached after continue statement
// c, while the test held, returns an error that is not certainly nil: the
// loop kept the cancellation and reports it in the end.
func keptAfter(outs map[outcome]bool, c ast.Node) bool {
	kept := false
	for o := range outs {
		if o.kind != outReturn || o.phase != phaseHolds || o.site != c {
			continue
		}
		if o.nl == certainlyNil {
			return false
		}
		kept = true
	}
	return kept
}

// sendsOnEveryOtherPath reports whether every way out of the function,
// when the test did not hold, sent a result, and the failing path sends a
// possibly non-nil error: the receiver counts on one send per task.
func sendsOnEveryOtherPath(outs map[outcome]bool) bool {
	sendsFailure := false
	for o := range outs {
		if o.phase == phaseHolds {
			continue
		}
		if o.kind == outReturn && !o.sent {
			return false
		}
		if o.kind == outSend && o.phase == phaseFails && o.nl != certainlyNil {
			sendsFailure = true
		}
	}
	return sendsFailure
}

// sendsOnlyFailures reports whether, when the test did not hold, the
// function sends some error that may be non-nil and never one that may be
// nil: completion is told by silence, failures by a send, and a return
// without a send on cancellation passes for completion.
func sendsOnlyFailures(outs map[outcome]bool) bool {
	failure := false
	for o := range outs {
		if o.phase == phaseHolds || o.kind != outSend {
			continue
		}
		if o.nl != certainlyNonNil {
			return false
		}
		failure = true
	}
	return failure
}

// heldReturns returns the return statements reached where t held.
func heldReturns(outs map[outcome]bool, t *cancelTest) map[ast.Node]bool {
	held := make(map[ast.Node]bool)
	for o := range outs {
		if o.kind == outReturn && o.phase == phaseHolds && o.last == uint16(t.index) {
			held[o.node] = true
		}
	}
	return held
}

// reportedByOtherResult reports whether ret tells its caller of the
// cancellation through another result: a constant (canceled = true, a
// status value) that every other return of the function, outside the
// cancelled paths, gives a different constant value in that place.
func reportedByOtherResult(fi *funcInfo, ret *ast.ReturnStmt, held map[ast.Node]bool) bool {
	n := fi.sig.Results().Len()
	if len(ret.Results) != n || n < 2 {
		return false
	}
	var others []*ast.ReturnStmt
	bare := false
	ast.Inspect(fi.body, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if node != ret && !held[node] {
				if len(node.Results) != n {
					bare = true
				}
				others = append(others, node)
			}
		}
		return true
	})
	if bare || len(others) == 0 {
		return false
	}
	for i, e := range ret.Results {
		if i == fi.errIdx {
			continue
		}
		v := fi.info.Types[e].Value
		if v == nil || !isStatus(fi.info, e) {
			continue
		}
		differs := true
		for _, r := range others {
			w := fi.info.Types[r.Results[i]].Value
			if w == nil || w.Kind() == v.Kind() && constant.Compare(v, token.EQL, w) {
				differs = false
				break
			}
		}
		if differs {
			return true
		}
	}
	return false
}

// isStatus reports whether e reads as a status: a boolean constant
// (canceled = true) or a named constant (statusCanceled). A number
// literal is a value, not a status.
func isStatus(info *types.Info, e ast.Expr) bool {
	if t, ok := info.TypeOf(e).Underlying().(*types.Basic); ok && t.Info()&types.IsBoolean != 0 {
		return true
	}
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	}
	_, isConst := info.Uses[id].(*types.Const)
	return id != nil && isConst
}

// onlyHeld reports whether every outcome at node comes from a path where
// t held: the statement there answers the cancellation alone.
func onlyHeld(outs map[outcome]bool, node ast.Node, t *cancelTest) bool {
	for o := range outs {
		if o.node == node && (o.phase != phaseHolds || o.last != uint16(t.index)) {
			return false
		}
	}
	return true
}
