package recognize

// This file holds the facts that carry cancellation helpers across
// packages, and the set of helpers one pass knows: its package's own,
// found by package helpers, and through facts those of the packages it imports.

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Predicate is the fact that a function is a cancellation predicate.
type Predicate struct {
	Param     int       // the argument it tests
	OnContext bool      // the argument is a context (isDone(ctx))
	Sentinels Sentinels // the sentinels it covers
	Guard     int       // a context argument that must be done for it to hold, or -1
	Mixed     bool      // it also holds for other errors (isTimeoutOrCanceled)
}

func (*Predicate) AFact() {}

func (p *Predicate) String() string {
	kind := "error"
	if p.OnContext {
		kind = "context"
	}
	if p.Mixed {
		kind = "mixed " + kind
	}
	if p.Guard >= 0 {
		return fmt.Sprintf("predicate(%s %d: %s; guard %d)", kind, p.Param, p.Sentinels, p.Guard)
	}
	return fmt.Sprintf("predicate(%s %d: %s)", kind, p.Param, p.Sentinels)
}

// Suppressor is the fact that a function maps cancellation to nil.
type Suppressor struct {
	Param     int // the error argument it suppresses
	Sentinels Sentinels
}

func (*Suppressor) AFact() {}

func (s *Suppressor) String() string {
	return fmt.Sprintf("suppressor(error %d: %s)", s.Param, s.Sentinels)
}

// Quitter is the fact that a function without an error result returns
// early when a context it is given ends: its caller cannot tell from it
// whether the wait ended or the context did (waitReady(ctx)).
type Quitter struct {
	Param int // the context argument
}

func (*Quitter) AFact() {}

func (q *Quitter) String() string { return fmt.Sprintf("quits(context %d)", q.Param) }

// HasHelpers is the fact that a package exports helper facts: its
// importers cannot skip themselves on the fast path.
type HasHelpers struct{}

func (*HasHelpers) AFact()         {}
func (*HasHelpers) String() string { return "cancellation helpers" }

func (s Sentinels) String() string {
	var parts []string
	if s&SentCanceled != 0 {
		parts = append(parts, "Canceled")
	}
	if s&SentDeadline != 0 {
		parts = append(parts, "DeadlineExceeded")
	}
	return strings.Join(parts, "|")
}

// HelperSet is the helpers a pass knows: its package's, and through facts
// those of the packages it imports.
type HelperSet struct {
	Pass        *analysis.Pass
	Predicates  map[*types.Func]*Predicate
	Suppressors map[*types.Func]*Suppressor
	Quitters    map[*types.Func]*Quitter
	// Constructors are the functions whose error is certainly non-nil.
	Constructors *Constructors
}

// Quitter returns the quitter fact of fn, or nil.
func (h *HelperSet) Quitter(fn *types.Func) *Quitter {
	if fn == nil {
		return nil
	}
	if q, ok := h.Quitters[fn]; ok || fn.Pkg() == h.Pass.Pkg {
		return q
	}
	q := new(Quitter)
	if !h.Pass.ImportObjectFact(fn, q) {
		q = nil
	}
	h.Quitters[fn] = q
	return q
}

// Predicate returns the predicate fact of fn, or nil.
func (h *HelperSet) Predicate(fn *types.Func) *Predicate {
	if fn == nil {
		return nil
	}
	if p, ok := h.Predicates[fn]; ok || fn.Pkg() == h.Pass.Pkg {
		return p
	}
	p := new(Predicate)
	if !h.Pass.ImportObjectFact(fn, p) {
		p = nil
	}
	h.Predicates[fn] = p
	return p
}

// Suppressor returns the suppressor fact of fn, or nil.
func (h *HelperSet) Suppressor(fn *types.Func) *Suppressor {
	if fn == nil {
		return nil
	}
	if s, ok := h.Suppressors[fn]; ok || fn.Pkg() == h.Pass.Pkg {
		return s
	}
	s := new(Suppressor)
	if !h.Pass.ImportObjectFact(fn, s) {
		s = nil
	}
	h.Suppressors[fn] = s
	return s
}

// FalseSuccess is the fact that a function reports success once its
// context is done, to callers none of which its own package shows acting
// on that nil: its importers judge their calls of it (SPEC.md, "Default
// mode: where the false success lands").
type FalseSuccess struct {
	Category string // the swallow's category
	Site     string // where the cancellation is swallowed: file:line
}

func (*FalseSuccess) AFact() {}

func (f *FalseSuccess) String() string {
	return fmt.Sprintf("false success(%s)", f.Category) // the site's line is for messages, not identity
}

// HasFalseSuccess is the fact that a package exports FalseSuccess facts:
// its importers look at their calls.
type HasFalseSuccess struct{}

func (*HasFalseSuccess) AFact()         {}
func (*HasFalseSuccess) String() string { return "false successes" }
