package swallows

import (
	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// This file names the categories users filter on, and decides which one a
// swallow falls in and whether the default mode reports it.

// Category is a diagnostic category (see the README).
type Category uint8

const (
	CatNone Category = iota
	CatError
	CatDone
	CatLoop
	CatHelper
	CatOwner
	CatUnawaited
)

// TaskSide reports whether the default mode reports a swallow of this
// category only where a consumer is seen acting on its nil.
func (c Category) TaskSide() bool {
	return c == CatError || c == CatDone || c == CatHelper
}

func (c Category) String() string {
	switch c {
	case CatError:
		return "error"
	case CatDone:
		return "done"
	case CatLoop:
		return "loop"
	case CatHelper:
		return "helper"
	case CatOwner:
		return "owner"
	case CatUnawaited:
		return "unawaited"
	}
	return ""
}

// categoryOf returns the category of s, or catNone when no mode reports
// it, and whether the default mode reports it.
func categoryOf(fi *flow.FuncInfo, s *Swallow, done completion, own *ownership.Ownership) (cat Category, byDefault bool) {
	switch {
	case s.owned:
		// There is no parent to guard when the owned contexts do not
		// derive from a received one; where they do, the derived context
		// also carries the parent's cancellation, which is not the
		// function's to suppress.
		if !own.GuardsParent(s.Test) && !s.FieldParent {
			return CatNone, false
		}
		cat = CatOwner
	case s.Kind == SwallowContinue:
		cat, byDefault = CatLoop, !s.Drains
	case s.Kind == SwallowHelper:
		cat, byDefault = CatHelper, true
	case s.Test.Kind == recognize.KindError:
		// A service loop's nil can only mean "cancelled".
		cat, byDefault = CatError, fi.Launch != nil || !done.serviceLoop
	default:
		// A task that never reports a failure has nothing to tell apart,
		// unless other results speak for it ((resp, nil) of a long poll);
		// the audit lists it all the same.
		if !done.canFail && fi.Sig.Results().Len() <= 1 {
			return CatDone, false
		}
		// Outside launched tasks, only where the caller cannot tell the
		// two nils apart.
		cat, byDefault = CatDone, done.canFail && (fi.Launch != nil || fi.ChanMode() || fi.SoleError() && done.nilReturn)
	}
	if s.alike {
		byDefault = false // gives up alike on its own timer
	}
	if s.Test != nil && s.Test.Quits {
		byDefault = false // waitReady(ctx); return nil: the audit's, until consumers say more
	}
	if s.Kind == SwallowMaybeNil {
		byDefault = false // the audit's: another error may or may not be nil there
	}
	// A goroutine whose channel carries only failures is an error stream,
	// or runs until cancelled: silence once its context is done is no lie
	// there. A sentinel test is different: it singles the cancellation out
	// of the failures the stream reports, and drops it.
	if fi.ChanMode() && !done.sendsNil && s.Test != nil && s.Test.Kind == recognize.KindDone {
		byDefault = false
	}
	return cat, byDefault
}
