package analyzer

// This file holds the facts that carry cancellation helpers across
// packages, and the set of helpers one pass knows: its package's own,
// found by helpers.go, and through facts those of the packages it imports.

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// predicate is the fact that a function is a cancellation predicate.
type predicate struct {
	Param     int       // the argument it tests
	OnContext bool      // the argument is a context (isDone(ctx))
	Sentinels sentinels // the sentinels it covers
	Guard     int       // a context argument that must be done for it to hold, or -1
}

func (*predicate) AFact() {}

func (p *predicate) String() string {
	kind := "error"
	if p.OnContext {
		kind = "context"
	}
	if p.Guard >= 0 {
		return fmt.Sprintf("predicate(%s %d: %s; guard %d)", kind, p.Param, p.Sentinels, p.Guard)
	}
	return fmt.Sprintf("predicate(%s %d: %s)", kind, p.Param, p.Sentinels)
}

// suppressor is the fact that a function maps cancellation to nil.
type suppressor struct {
	Param     int // the error argument it suppresses
	Sentinels sentinels
}

func (*suppressor) AFact() {}

func (s *suppressor) String() string {
	return fmt.Sprintf("suppressor(error %d: %s)", s.Param, s.Sentinels)
}

// hasHelpers is the fact that a package exports helper facts: its
// importers cannot skip themselves on the fast path.
type hasHelpers struct{}

func (*hasHelpers) AFact()         {}
func (*hasHelpers) String() string { return "cancellation helpers" }

func (s sentinels) String() string {
	var parts []string
	if s&sentCanceled != 0 {
		parts = append(parts, "Canceled")
	}
	if s&sentDeadline != 0 {
		parts = append(parts, "DeadlineExceeded")
	}
	return strings.Join(parts, "|")
}

// helperSet is the helpers a pass knows: its package's, and through facts
// those of the packages it imports.
type helperSet struct {
	pass        *analysis.Pass
	predicates  map[*types.Func]*predicate
	suppressors map[*types.Func]*suppressor
}

// predicate returns the predicate fact of fn, or nil.
func (h *helperSet) predicate(fn *types.Func) *predicate {
	if fn == nil {
		return nil
	}
	if p, ok := h.predicates[fn]; ok || fn.Pkg() == h.pass.Pkg {
		return p
	}
	p := new(predicate)
	if !h.pass.ImportObjectFact(fn, p) {
		p = nil
	}
	h.predicates[fn] = p
	return p
}

// suppressor returns the suppressor fact of fn, or nil.
func (h *helperSet) suppressor(fn *types.Func) *suppressor {
	if fn == nil {
		return nil
	}
	if s, ok := h.suppressors[fn]; ok || fn.Pkg() == h.pass.Pkg {
		return s
	}
	s := new(suppressor)
	if !h.pass.ImportObjectFact(fn, s) {
		s = nil
	}
	h.suppressors[fn] = s
	return s
}

