package flow

// This file is the part of the path walker that splits states at
// conditions: the short-circuit operators, nil checks of tracked
// variables, and cancellation tests, which fork a path into the phase
// where the test holds and the phase where it fails, or are decided by a
// test of the same value that the path already passed.

import (
	"go/ast"
	"go/token"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// cond splits states by a condition into those where it is true and false.
func (w *Walker) cond(e ast.Expr, in stateSet) (t, f stateSet) {
	if len(in) == 0 {
		return nil, nil
	}
	e = ast.Unparen(e)
	if ref, ok := w.fn.Tests[e]; ok {
		holds, fails := w.fork(ref.Test, in)
		if ref.Positive {
			return holds, fails
		}
		return fails, holds
	}
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			t, f := w.cond(x.X, in)
			return f, t
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.LAND:
			t1, f1 := w.cond(x.X, in)
			t2, f2 := w.cond(x.Y, t1)
			return t2, union(f1, f2)
		case token.LOR:
			t1, f1 := w.cond(x.X, in)
			t2, f2 := w.cond(x.Y, f1)
			return union(t1, t2), f2
		case token.EQL, token.NEQ:
			if eq, ne, ok := w.nilCompare(x.X, x.Y, in); ok {
				if x.Op == token.EQL {
					return eq, ne
				}
				return ne, eq
			}
		}
	}
	if v, ok := recognize.BoolConst(w.info, e); ok {
		if v {
			return in, nil
		}
		return nil, in
	}
	in = w.exprs(e, in)
	return in, in
}

// nilCompare splits states by v == nil for a tracked variable v.
func (w *Walker) nilCompare(x, y ast.Expr, in stateSet) (eq, ne stateSet, ok bool) {
	if recognize.IsNil(w.info, x) {
		x, y = y, x
	}
	if !recognize.IsNil(w.info, y) {
		return nil, nil, false
	}
	i := w.varOf(x)
	if i < 0 {
		return nil, nil, false
	}
	for _, st := range in {
		switch st.get(i) {
		case CertainlyNil:
			eq = eq.add(st)
		case CertainlyNonNil:
			ne = ne.add(st)
		default:
			eq = eq.add(st.set(i, CertainlyNil))
			ne = ne.add(st.set(i, CertainlyNonNil))
		}
	}
	return eq, ne, true
}

// fork splits states at a cancellation test into holds and fails.
func (w *Walker) fork(t *recognize.CancelTest, in stateSet) (holds, fails stateSet) {
	subj := -1
	if !t.OnContext() {
		subj = w.fn.varIndex(t.Subject)
	}
	for _, st := range in {
		h, f := w.forkOne(t, st, subj)
		holds = union(holds, h)
		fails = union(fails, f)
	}
	return holds, fails
}

func (w *Walker) forkOne(t *recognize.CancelTest, st state, subj int) (holds, fails stateSet) {
	held := st
	held.last = uint16(t.Index)
	held = held.set(subj, CertainlyNonNil)
	failed := st
	// The branch where the test fails proves a context live: a done
	// observation, a helper that carries a guard, or a work error compared
	// with the context's own (errors.Is(err, ctx.Err()) returns it first).
	if (t.Kind == recognize.KindDone || t.GuardCtx != nil || t.Err != nil && t.Ctx != nil) && !w.noLiveProof {
		failed.live = true
	}
	if t.Guard && !w.isTarget(t) {
		// A loop condition such as ctx.Err() == nil guards the loop's
		// body; only a walk that follows it to what runs after the loop
		// takes it as an observation.
		return stateSet{held}, stateSet{failed}
	}
	if st.get(subj) == CertainlyNil {
		return nil, stateSet{failed} // a nil error is no cancellation
	}
	if !w.isTarget(t) {
		if w.target != nil && st.phase != PhaseBefore && recognize.SameSubject(t, w.target) {
			switch consistent(w.target, t, st.phase) {
			case verdictTrue:
				return stateSet{held}, nil
			case verdictFalse:
				return nil, stateSet{failed}
			}
			if st.phase == PhaseHolds {
				// switch ctx.Err() { case Canceled: …; case DeadlineExceeded: … }
				// leaves no third way once the context is done.
				failed.ruled |= t.Sentinels
				if w.target.Sentinels&^failed.ruled == 0 {
					return stateSet{held}, nil
				}
			}
		}
		return stateSet{held}, stateSet{failed}
	}
	switch {
	case st.phase == PhaseHolds && w.target != nil:
		return stateSet{held}, nil
	case st.phase == PhaseFails && w.target != nil:
		return nil, stateSet{st}
	case st.phase == PhaseHolds:
		return stateSet{held}, stateSet{failed}
	}
	held.phase = PhaseHolds
	failed.phase = PhaseFails
	failed = failed.set(subj, CertainlyNonNil)
	fails = stateSet{failed}
	if subj >= 0 && st.get(subj) == MaybeNil {
		// The test also fails when there was no error at all.
		fails = fails.add(st.set(subj, CertainlyNil))
	}
	return stateSet{held}, fails
}

type verdict uint8

const (
	verdictUnknown verdict = iota
	verdictTrue
	verdictFalse
)

// consistent decides test t on a path where target held or failed, when
// both read the same value.
func consistent(target, t *recognize.CancelTest, p phase) verdict {
	switch p {
	case PhaseHolds:
		if target.Sentinels&^t.Sentinels == 0 {
			return verdictTrue
		}
		if target.Sentinels&t.Sentinels == 0 && !target.OnContext() {
			return verdictFalse
		}
	case PhaseFails:
		if t.Sentinels&^target.Sentinels == 0 {
			return verdictFalse
		}
	}
	return verdictUnknown
}
