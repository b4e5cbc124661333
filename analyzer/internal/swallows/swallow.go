package swallows

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

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// swallowKind is the shape of a swallow.
type swallowKind uint8

const (
	SwallowReturn   swallowKind = iota // return nil
	SwallowAssign                      // err = nil, later returned
	SwallowContinue                    // continue to more work
	SwallowSend                        // errc <- nil
	SwallowNoSend                      // returns without the send other paths make
	SwallowHelper                      // return ignoreCanceled(err)
	SwallowMaybeNil                    // return cleanup(): an error that may be nil and does not carry it
)

// Swallow is one finding, before it is reported.
type Swallow struct {
	Site      ast.Node
	Kind      swallowKind
	Test      *recognize.CancelTest // nil for a helper
	Helper    *types.Func
	HelperArg ast.Expr // the argument the helper suppresses
	Sentinels recognize.Sentinels
	guarded   bool // every path to it checked the context live
	alike     bool // a wait that gives up alike on its own timer: -strict only
	OnlyHeld  bool // every path to the site comes from where the test held
	owned     bool // the function owns the sentinels it drops
	// FieldParent says the owned context is a field its type keeps,
	// derived from a parent its constructor was handed: that parent has
	// no name here.
	FieldParent bool
	Category    Category
	ByDefault   bool // reported without -strict
	// Consumer is where the nil was seen taken for finished work (the
	// default mode's reason to report a task-side swallow), or nil.
	Consumer ast.Node
	// Apart is set when tests in separate places lead to this site (two
	// selects whose done cases fall through to one return nil): a fix in
	// the branch of one leaves the other.
	Apart bool
	// Drains is set on a continue the default leaves to the audit: its
	// loop only tests again before any work (the work comes after the
	// test), or ends in a return of an error that may carry the
	// cancellation (return errs.Err()). Where to stop instead is the
	// author's choice: the loop may still mark each item done.
	Drains bool
}

// completion is how a function ends when nothing was cancelled.
type completion struct {
	nilReturn   bool // some path returns an error that is certainly nil (nil, or err where err == nil)
	serviceLoop bool // every such path returns an error that is certainly non-nil
	canFail     bool // some path, cancelled or not, reports an error that may be non-nil
	sendsNil    bool // some path not cancelled sends an error that may be nil: success travels too
}

// completionOf classifies the outcomes of a walk without target. A return
// that only checks a precondition before any work (if x == nil { return
// nil }) says "nothing to do", not "done": it counts neither way.
func completionOf(outs map[flow.Outcome]bool, fi *flow.FuncInfo) completion {
	c := completion{serviceLoop: true}
	pre := preconditions(fi)
	for o := range outs {
		if o.Kind != flow.OutContinue && o.Nl != flow.CertainlyNil {
			c.canFail = true
		}
		if o.Kind == flow.OutSend && o.Phase != flow.PhaseHolds && o.Nl != flow.CertainlyNonNil {
			c.sendsNil = true
		}
		if o.Kind != flow.OutReturn || o.Phase == flow.PhaseHolds || pre[o.Node] {
			continue
		}
		if o.Nl == flow.CertainlyNil {
			c.nilReturn = true
		}
		if o.Nl != flow.CertainlyNonNil {
			c.serviceLoop = false
		}
	}
	return c
}

// onlyLogs reports whether t is the whole condition of an if (maybe
// negated) whose branches only write log lines or metrics and go on: the code
// after it runs alike whether the context is done or not (vitess's
// cancelMigration logs the original context's error, then does its work
// under a context detached from it).
func onlyLogs(info *types.Info, body *ast.BlockStmt, t *recognize.CancelTest) bool {
	node, ok := t.Node.(ast.Expr)
	if !ok || t.Cond == nil {
		return false
	}
	var ifs *ast.IfStmt
	ast.Inspect(body, func(n ast.Node) bool {
		if i, ok := n.(*ast.IfStmt); ok && i.Cond == t.Cond {
			ifs = i
		}
		return ifs == nil
	})
	if ifs == nil {
		return false
	}
	cond := ast.Unparen(ifs.Cond)
	for {
		u, ok := cond.(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			break
		}
		cond = ast.Unparen(u.X) // if !(ctx.Err() != nil) {} else { log… }
	}
	if cond != ast.Unparen(node) {
		return false
	}
	logs := func(b *ast.BlockStmt) bool {
		for _, st := range b.List {
			es, ok := st.(*ast.ExprStmt)
			if !ok {
				return false
			}
			call, ok := ast.Unparen(es.X).(*ast.CallExpr)
			if !ok || !ownership.LogsOrMeasures(info, call) {
				return false
			}
		}
		return true
	}
	if !logs(ifs.Body) {
		return false
	}
	switch e := ifs.Else.(type) {
	case nil:
		return true
	case *ast.BlockStmt:
		return logs(e)
	}
	return false
}

// givesUpAlike reports whether t is a select case on ctx.Done() beside
// another way of giving up — a timer, or another context's Done() — that
// also returns nil: a best-effort wait that treats cancellation like its
// own timeout singles nothing out.
func givesUpAlike(fi *flow.FuncInfo, t *recognize.CancelTest) bool {
	cc, ok := t.Node.(*ast.CommClause)
	if !ok {
		return false
	}
	var sel *ast.SelectStmt
	ast.Inspect(fi.Body, func(n ast.Node) bool {
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
func isGiveUp(fi *flow.FuncInfo, cc *ast.CommClause) bool {
	if _, ok := fi.Tests[cc]; ok {
		return true
	}
	u, ok := ast.Unparen(recognize.CommRecv(cc.Comm)).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	ch, ok := types.Unalias(fi.Info.TypeOf(u.X)).(*types.Chan)
	if !ok {
		if t := fi.Info.TypeOf(u.X); t != nil {
			ch, ok = t.Underlying().(*types.Chan)
		}
	}
	if !ok {
		return false
	}
	named, ok := types.Unalias(ch.Elem()).(*types.Named)
	return ok && recognize.IsPkgLevel(named.Obj(), "time", "Time")
}

// returnsOnlyNil reports whether the statements return, and only return
// a literal nil error.
func returnsOnlyNil(fi *flow.FuncInfo, body []ast.Stmt) bool {
	nils, others := 0, 0
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if fi.ErrIdx >= 0 && len(n.Results) > fi.ErrIdx && recognize.IsNil(fi.Info, n.Results[fi.ErrIdx]) {
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
func preconditions(fi *flow.FuncInfo) map[ast.Node]bool {
	pre := make(map[ast.Node]bool)
	list := fi.Body.List
	for i := 0; i < len(list); i++ {
		s := list[i]
		ifs, ok := s.(*ast.IfStmt)
		if !ok {
			switch s.(type) {
			case *ast.AssignStmt, *ast.DeclStmt:
				if !callsBeyondLen(fi.Info, s) {
					continue // v := x.field: still before the work
				}
			}
			return pre
		}
		if ifs.Init != nil || callsBeyondLen(fi.Info, ifs.Cond) || hasTest(fi, ifs.Cond) {
			return pre
		}
		// if x == nil { return … }, or if !(x == nil) {} else { return … },
		// or if x == nil { return … } else { the rest }
		var branch ast.Stmt
		switch {
		case ifs.Else == nil:
			branch = ifs.Body
		case len(ifs.Body.List) == 0:
			branch = ifs.Else
		case i == len(list)-1 && len(ifs.Body.List) == 1:
			if rest, ok := ifs.Else.(*ast.BlockStmt); ok {
				branch = ifs.Body
				list, i = rest.List, -1 // the work goes on in the else
			}
		}
		b, ok := branch.(*ast.BlockStmt)
		if !ok || len(b.List) != 1 {
			return pre
		}
		ret, ok := b.List[0].(*ast.ReturnStmt)
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
func hasTest(fi *flow.FuncInfo, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := fi.Tests[n]; ok {
			found = true
		}
		return !found
	})
	return found
}

// Differs reports whether the path where the test failed reports some
// failure in a way the path where it held does not.
func Differs(outs map[flow.Outcome]bool) bool {
	type key struct {
		node ast.Node
		nil  bool
	}
	held := make(map[key]bool)
	for o := range outs {
		if o.Phase == flow.PhaseHolds && o.Kind != flow.OutContinue {
			held[key{o.Node, o.Nl == flow.CertainlyNil}] = true
		}
	}
	for o := range outs {
		if o.Phase == flow.PhaseFails && o.Kind != flow.OutContinue && o.Nl != flow.CertainlyNil && !held[key{o.Node, false}] {
			return true
		}
	}
	return false
}

// Of finds the swallows of task body fi.
func Of(info *types.Info, fi *flow.FuncInfo, h *recognize.HelperSet, own *ownership.Ownership) []*Swallow {
	all := flow.NewWalker(info, fi, nil, h).Run()
	done := completionOf(all, fi)
	sites := make(map[ast.Node]*Swallow)
	var order []ast.Node
	add := func(s *Swallow, live bool) {
		prev, ok := sites[s.Site]
		if !ok {
			s.guarded = live
			sites[s.Site] = s
			order = append(order, s.Site)
			return
		}
		prev.guarded = prev.guarded && live
		if prev.Test != nil && s.Test != nil && prev.Test != s.Test && (prev.Test.Cond == nil || prev.Test.Cond != s.Test.Cond) &&
			!within(prev.Test.Node, s.Test.Node) && !within(s.Test.Node, prev.Test.Node) {
			prev.Apart = true // two waits whose nils meet here
		}
		// The latest test on the path decides: it is the innermost. Of two
		// tests in one condition (errors.Is(err, context.Canceled) ||
		// ctx.Err() != nil), the one that names a sentinel does.
		if prev.Test != nil && s.Test != nil {
			sameCond := prev.Test.Cond != nil && prev.Test.Cond == s.Test.Cond
			switch {
			case sameCond && prev.Test.Kind != s.Test.Kind:
				if s.Test.Kind == recognize.KindError {
					prev.Test, prev.Kind, prev.Sentinels = s.Test, s.Kind, s.Sentinels
				}
			case prev.Test.Kind != s.Test.Kind:
				if s.Test.Node.Pos() > prev.Test.Node.Pos() {
					prev.Test, prev.Kind, prev.Sentinels = s.Test, s.Kind, s.Sentinels
				}
			default: // err != Canceled && err != DeadlineExceeded: both count
				prev.Sentinels |= s.Sentinels
				if s.Test.Node.Pos() > prev.Test.Node.Pos() {
					prev.Test, prev.Kind = s.Test, s.Kind
				}
			}
		} else {
			prev.Sentinels |= s.Sentinels
		}
	}

	for _, o := range sorted(all) {
		if o.Kind == flow.OutReturn && o.Helper != nil {
			sup := h.Suppressor(o.Helper)
			call := ast.Unparen(o.Node.(*ast.ReturnStmt).Results[fi.ErrIdx]).(*ast.CallExpr)
			add(&Swallow{Site: o.Node, Kind: SwallowHelper, Helper: o.Helper, HelperArg: call.Args[sup.Param], Sentinels: sup.Sentinels}, o.Live)
		}
	}
	for _, t := range fi.TestList {
		if t.Kind == recognize.KindDone && onlyLogs(info, fi.Body, t) {
			continue // if ctx.Err() != nil { log… }: a log line, not a decision to stop
		}
		alike := givesUpAlike(fi, t)
		outs := flow.NewWalker(info, fi, t, h).Run()
		var alwaysSends, failureOnly bool
		if fi.ChanMode() {
			alwaysSends = sendsOnEveryOtherPath(outs)
			failureOnly = sendsOnlyFailures(outs)
		}
		// An error test swallows only where it makes a difference.
		differ := t.Kind == recognize.KindDone || Differs(outs)
		for _, o := range sorted(outs) {
			if o.Phase != flow.PhaseHolds || o.Last != uint16(t.Index) || o.Looped {
				continue
			}
			site := o.Site
			if site == nil {
				site = o.Node
			}
			if completedAnyway(fi, t, site) {
				continue
			}
			s := &Swallow{Site: o.Node, Test: t, Sentinels: t.Sentinels, alike: alike, OnlyHeld: onlyHeld(outs, o.Node, t)}
			switch {
			case o.Kind == flow.OutContinue:
				if !differ {
					continue
				}
				s.Kind = SwallowContinue
				s.Drains = o.Idle || keptAfter(outs, o.Node) || !Differs(outs)
			case fi.ChanMode() && o.Kind == flow.OutSend && o.Success:
				continue // a result sent after the observation: no error to send instead
			case fi.ChanMode() && o.Kind == flow.OutSend && o.Nl == flow.CertainlyNil && differ:
				s.Kind = SwallowSend
				if as, ok := o.Site.(*ast.AssignStmt); ok {
					s.Site, s.Kind = as, SwallowAssign
				}
			case fi.ChanMode() && o.Kind == flow.OutReturn && !o.Sent && (alwaysSends || failureOnly && t.Kind == recognize.KindError) && differ:
				s.Kind = SwallowNoSend
			case !fi.ChanMode() && o.Kind == flow.OutReturn && o.Nl == flow.MaybeNil && differ && o.Site == nil && !o.Looped:
				// return errors.Join(errs...), return p.Kill(), return
				// other.Err(): an error that does not carry the
				// cancellation and is nil when nothing else failed.
				ret, ok := o.Node.(*ast.ReturnStmt)
				if !ok || len(ret.Results) == 0 || reportedByOtherResult(fi, ret, heldReturns(outs, t)) {
					continue
				}
				if fi.ErrIdx < len(ret.Results) && handsOnCancellation(fi.Info, ret.Results[fi.ErrIdx], t) {
					continue // errors.Trace(ctx.Err()): a wrapper carries what it is given
				}
				if fi.ErrIdx < len(ret.Results) && heldCancellation(fi, ret.Results[fi.ErrIdx], t) {
					continue // if err := ctx.Err(); err != nil { return err }
				}
				if fi.ErrIdx < len(ret.Results) && addressTaken(fi, ret.Results[fi.ErrIdx]) {
					continue // ContextError(ctx, &err) may have set it to the cancellation
				}
				s.Kind = SwallowMaybeNil
			case !fi.ChanMode() && o.Kind == flow.OutReturn && o.Nl == flow.CertainlyNil && differ:
				if ret, ok := o.Node.(*ast.ReturnStmt); ok && reportedByOtherResult(fi, ret, heldReturns(outs, t)) {
					continue // return res, true, nil: the caller is told
				}
				s.Kind = SwallowReturn
				switch o.Site.(type) {
				case *ast.AssignStmt:
					s.Site, s.Kind = o.Site, SwallowAssign
				case *ast.BranchStmt:
					continue // reported at the continue itself
				}
			default:
				continue
			}
			add(s, o.Live)
		}
	}

	var out []*Swallow
	for _, site := range order {
		s := sites[site]
		if s.guarded {
			continue // a liveness guard: suppression where it belongs
		}
		if s.Test != nil {
			s.owned = own.Owns(s.Test)&s.Sentinels != 0
		} else {
			s.owned = own.OwnsWork()&s.Sentinels != 0
		}
		s.FieldParent = s.owned && own.FieldFromParent(s.Test) && !own.GuardsParent(s.Test) && returnsStored(fi, s.Site)
		if s.Kind == SwallowMaybeNil && s.owned && !s.FieldParent {
			continue // it owns the cancellation and chose what to return instead
		}
		s.Category, s.ByDefault = categoryOf(fi, s, done, own)
		if s.Category != CatNone {
			out = append(out, s)
		}
	}
	return out
}

// returnsStored reports whether site returns, as its error, a value read
// from a field (return g.err, or err := g.err; return err): a result the
// type stored, such as a group's first error, rather than one the
// function computed.
func returnsStored(fi *flow.FuncInfo, site ast.Node) bool {
	ret, ok := site.(*ast.ReturnStmt)
	if !ok || fi.ErrIdx >= len(ret.Results) {
		return false
	}
	e := ast.Unparen(ret.Results[fi.ErrIdx])
	if id, ok := e.(*ast.Ident); ok && fi.Values != nil {
		if origin := fi.Values.Origin(id); origin != nil {
			e = ast.Unparen(origin)
		}
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := fi.Info.Uses[sel.Sel].(*types.Var)
	return ok && v.IsField()
}

// addressTaken reports whether e is a variable whose address fi's body
// takes: a callee may set it (fserrors.ContextError(ctx, &err)).
func addressTaken(fi *flow.FuncInfo, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v := fi.Info.Uses[id]
	taken := false
	ast.Inspect(fi.Body, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND {
			if x, ok := ast.Unparen(u.X).(*ast.Ident); ok && v != nil && fi.Info.Uses[x] == v {
				taken = true
			}
		}
		return !taken
	})
	return taken
}

// handsOnCancellation reports whether e is a call given the cancellation
// t saw — ctx.Err() or context.Cause(ctx) of a context, or the tested
// error — which the call is taken to carry (a project's own wrapper).
func handsOnCancellation(info *types.Info, e ast.Expr, t *recognize.CancelTest) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	found := false
	for _, arg := range call.Args {
		ast.Inspect(arg, func(n ast.Node) bool {
			x, ok := n.(ast.Expr)
			if !ok || found {
				return !found
			}
			if ctx := recognize.ContextErrCall(info, x); ctx != nil && (!t.OnContext() || t.ObservedContext(info, ctx)) {
				found = true // ctx.Err(), context.Cause(ctx) of the context observed
			}
			if id, ok := x.(*ast.Ident); ok && t.Subject != nil && !t.OnContext() && info.Uses[id] == t.Subject {
				found = true
			}
			return !found
		})
	}
	return found
}

// heldCancellation reports whether e is a variable given only the
// observed context's Err() or Cause (err := ctx.Err()), which is what the
// test found non-nil: returning it reports the cancellation.
func heldCancellation(fi *flow.FuncInfo, e ast.Expr, t *recognize.CancelTest) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || fi.Values == nil {
		return false
	}
	origin := fi.Values.Origin(id)
	if origin == nil {
		return false
	}
	ctx := recognize.ContextErrCall(fi.Info, origin)
	return ctx != nil && (!t.OnContext() || recognize.SubjectOf(fi.Info, ctx) == t.Subject)
}

// completedAnyway reports whether site, on the branch where t held, is in a
// select case that receives the operation's own completion signal — the
// channel that the function also waits on outside that branch: the work
// finished despite the cancellation (a semaphore acquired just after its
// context was cancelled), so its nil is no swallow.
func completedAnyway(fi *flow.FuncInfo, t *recognize.CancelTest, site ast.Node) bool {
	if site == nil || site.Pos() < t.Node.Pos() || site.End() > t.Node.End() {
		return false
	}
	var ch types.Object
	ast.Inspect(t.Node, func(n ast.Node) bool {
		cc, ok := n.(*ast.CommClause)
		if !ok || cc == t.Node || site.Pos() < cc.Pos() || site.End() > cc.End() {
			return ch == nil
		}
		if u, ok := ast.Unparen(recognize.CommRecv(cc.Comm)).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			ch = recognize.SubjectOf(fi.Info, u.X)
		}
		return ch == nil
	})
	if ch == nil {
		return false
	}
	elsewhere := false
	ast.Inspect(fi.Body, func(n ast.Node) bool {
		if n == t.Node {
			return false
		}
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW && recognize.SubjectOf(fi.Info, u.X) == ch {
			elsewhere = true
		}
		return !elsewhere
	})
	return elsewhere
}

// sorted returns the outcomes in source order, so that merging candidates
// at one site does not depend on map order.
func sorted(outs map[flow.Outcome]bool) []flow.Outcome {
	list := make([]flow.Outcome, 0, len(outs))
	for o := range outs {
		list = append(list, o)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Node.Pos() != b.Node.Pos() {
			return a.Node.Pos() < b.Node.Pos()
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Live != b.Live {
			return !a.Live
		}
		return a.Nl < b.Nl
	})
	return list
}

// keptAfter reports whether every return reached after continue statement
// c, while the test held, returns an error that is not certainly nil: the
// loop kept the cancellation and reports it in the end.
func keptAfter(outs map[flow.Outcome]bool, c ast.Node) bool {
	kept := false
	for o := range outs {
		if o.Kind != flow.OutReturn || o.Phase != flow.PhaseHolds || o.Site != c {
			continue
		}
		if o.Nl == flow.CertainlyNil {
			return false
		}
		kept = true
	}
	return kept
}

// sendsOnEveryOtherPath reports whether every way out of the function,
// when the test did not hold, sent a result, and the failing path sends a
// possibly non-nil error: the receiver counts on one send per task.
func sendsOnEveryOtherPath(outs map[flow.Outcome]bool) bool {
	sendsFailure := false
	for o := range outs {
		if o.Phase == flow.PhaseHolds {
			continue
		}
		if o.Kind == flow.OutReturn && !o.Sent {
			return false
		}
		if o.Kind == flow.OutSend && o.Phase == flow.PhaseFails && o.Nl != flow.CertainlyNil {
			sendsFailure = true
		}
	}
	return sendsFailure
}

// sendsOnlyFailures reports whether, when the test did not hold, the
// function sends some error that may be non-nil and never one that may be
// nil: completion is told by silence, failures by a send, and a return
// without a send on cancellation passes for completion.
func sendsOnlyFailures(outs map[flow.Outcome]bool) bool {
	failure := false
	for o := range outs {
		if o.Phase == flow.PhaseHolds || o.Kind != flow.OutSend {
			continue
		}
		if o.Nl != flow.CertainlyNonNil {
			return false
		}
		failure = true
	}
	return failure
}

// heldReturns returns the return statements reached where t held.
func heldReturns(outs map[flow.Outcome]bool, t *recognize.CancelTest) map[ast.Node]bool {
	held := make(map[ast.Node]bool)
	for o := range outs {
		if o.Kind == flow.OutReturn && o.Phase == flow.PhaseHolds && o.Last == uint16(t.Index) {
			held[o.Node] = true
		}
	}
	return held
}

// reportedByOtherResult reports whether ret tells its caller of the
// cancellation through another result: a constant (canceled = true, a
// status value) that every other return of the function, outside the
// cancelled paths, gives a different constant value in that place.
func reportedByOtherResult(fi *flow.FuncInfo, ret *ast.ReturnStmt, held map[ast.Node]bool) bool {
	n := fi.Sig.Results().Len()
	if len(ret.Results) != n || n < 2 {
		return false
	}
	var others []*ast.ReturnStmt
	bare := false
	ast.Inspect(fi.Body, func(node ast.Node) bool {
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
		if i == fi.ErrIdx {
			continue
		}
		if statusField(fi.Info, e, i, others) {
			return true // return Result{Status: StatusCanceled}, nil
		}
		v := fi.Info.Types[e].Value
		if v == nil || !isStatus(fi.Info, e) {
			continue
		}
		differs := true
		for _, r := range others {
			w := fi.Info.Types[r.Results[i]].Value
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

// statusField reports whether e, the i-th result of a return, is a
// composite literal with a status field (a boolean or named constant) whose
// value no other return's i-th result gives it: every other return spells
// a literal of the same type there, with another constant in that field or
// none (its zero value).
func statusField(info *types.Info, e ast.Expr, i int, others []*ast.ReturnStmt) bool {
	lit := compositeOf(e)
	if lit == nil {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		key, isID := kv.Key.(*ast.Ident)
		if !ok || !isID || !isStatus(info, kv.Value) {
			continue
		}
		v := info.Types[kv.Value].Value
		if v == nil {
			continue
		}
		differs := true
		for _, r := range others {
			other := compositeOf(r.Results[i])
			if other == nil || !types.Identical(info.TypeOf(other), info.TypeOf(lit)) {
				differs = false
				break
			}
			w := fieldConst(info, other, key.Name)
			if w == nil && isZero(v) || w != nil && w.Kind() == v.Kind() && constant.Compare(v, token.EQL, w) {
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

// compositeOf returns the composite literal e is, or takes the address of.
func compositeOf(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// fieldConst returns the constant a keyed composite literal gives the
// field name, or nil when it gives none (or no constant).
func fieldConst(info *types.Info, lit *ast.CompositeLit, name string) constant.Value {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == name {
				if v := info.Types[kv.Value].Value; v != nil {
					return v
				}
				return constant.MakeUnknown()
			}
		}
	}
	return nil
}

// isZero reports whether v is its kind's zero value.
func isZero(v constant.Value) bool {
	switch v.Kind() {
	case constant.Bool:
		return !constant.BoolVal(v)
	case constant.Int, constant.Float:
		return constant.Sign(v) == 0
	case constant.String:
		return constant.StringVal(v) == ""
	}
	return false
}

// isStatus reports whether e reads as a status: a boolean constant
// (canceled = true) or a named constant (statusCanceled). A number
// literal is a value, not a status.
func isStatus(info *types.Info, e ast.Expr) bool {
	tv := info.TypeOf(e)
	if tv == nil {
		return false
	}
	if t, ok := tv.Underlying().(*types.Basic); ok && t.Info()&types.IsBoolean != 0 {
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
func onlyHeld(outs map[flow.Outcome]bool, node ast.Node, t *recognize.CancelTest) bool {
	for o := range outs {
		if o.Node == node && (o.Phase != flow.PhaseHolds || o.Last != uint16(t.Index)) {
			return false
		}
	}
	return true
}

// within reports whether node a lies inside node b.
func within(a, b ast.Node) bool {
	return b.Pos() <= a.Pos() && a.End() <= b.End()
}
