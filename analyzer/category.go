package analyzer

// This file names the categories users filter on, and decides which one a
// swallow falls in and whether the default mode reports it.

// category is a diagnostic category (see the README).
type category uint8

const (
	catNone category = iota
	catError
	catDone
	catLoop
	catHelper
	catOwner
	catUnawaited
)

func (c category) String() string {
	switch c {
	case catError:
		return "error"
	case catDone:
		return "done"
	case catLoop:
		return "loop"
	case catHelper:
		return "helper"
	case catOwner:
		return "owner"
	case catUnawaited:
		return "unawaited"
	}
	return ""
}

// categoryOf returns the category of s, or catNone when no mode reports
// it, and whether the default mode reports it.
func categoryOf(fi *funcInfo, s *swallow, done completion, own *ownership) (cat category, byDefault bool) {
	switch {
	case s.owned:
		// There is no parent to guard when the owned contexts do not
		// derive from a received one; where they do, the derived context
		// also carries the parent's cancellation, which is not the
		// function's to suppress.
		if !own.parent || !own.derived {
			return catNone, false
		}
		cat = catOwner
	case s.kind == swallowContinue:
		cat, byDefault = catLoop, true
	case s.kind == swallowHelper:
		cat, byDefault = catHelper, true
	case s.test.kind == kindError:
		// A service loop's nil can only mean "cancelled".
		cat, byDefault = catError, fi.launch != nil || !done.serviceLoop
	default:
		// A task that never reports a failure has nothing to tell apart,
		// unless other results speak for it ((resp, nil) of a long poll);
		// the audit lists it all the same.
		if !done.canFail && fi.sig.Results().Len() <= 1 {
			return catDone, false
		}
		// Outside launched tasks, only where the caller cannot tell the
		// two nils apart.
		cat, byDefault = catDone, done.canFail && (fi.launch != nil || fi.chanMode() || fi.soleError() && done.nilLiteral)
	}
	if s.alike {
		byDefault = false // gives up alike on its own timer
	}
	// A goroutine whose channel carries only failures is an error stream,
	// or runs until cancelled: silence once its context is done is no lie
	// there. A sentinel test is different: it singles the cancellation out
	// of the failures the stream reports, and drops it.
	if fi.chanMode() && !done.sendsNil && s.test != nil && s.test.kind == kindDone {
		byDefault = false
	}
	return cat, byDefault
}
