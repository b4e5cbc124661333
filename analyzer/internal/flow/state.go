package flow

import (
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// This file holds the abstract state that the path walker carries along
// each path through a function: whether a cancellation test held, the
// nilness of the function's error variables, and the few events the
// verdict depends on (a liveness check, a nil assignment, a continue).
//
// A state is a small comparable value, so that a set of states can be
// deduplicated and paths that reach a statement in the same state are
// walked once: the walk is a dataflow over the syntax tree, not an
// enumeration of paths.

// nilness is what the walker knows of an error value.
type nilness uint8

const (
	MaybeNil nilness = iota
	CertainlyNil
	CertainlyNonNil
)

// phase is where a path stands relative to the test being examined.
type phase uint8

const (
	PhaseBefore phase = iota // the test has not been evaluated
	PhaseHolds               // the test held: the work was cancelled
	PhaseFails               // the test failed: another failure, or a live context
)

type state struct {
	phase     phase
	live      bool                // a context was checked to be live (a liveness guard)
	sent      bool                // an error was sent on a result channel
	last      uint16              // index of the latest test taken as holding, 0 for none
	assign    uint16              // site of `v = nil` made while the test held, 0 for none
	assignVar uint8               // tracked variable of that assignment, plus one
	cont      uint16              // site of a continue taken while the test held, 0 for none
	ruled     recognize.Sentinels // sentinels ruled out on the target's value while it held
	looped    bool                // went around a loop after a done observation held
	isNil     uint64              // tracked variables known to be nil
	nonNil    uint64              // tracked variables known to be non-nil
}

// get returns the nilness of tracked variable i.
func (s state) get(i int) nilness {
	switch {
	case i < 0:
		return MaybeNil
	case s.isNil&(1<<i) != 0:
		return CertainlyNil
	case s.nonNil&(1<<i) != 0:
		return CertainlyNonNil
	}
	return MaybeNil
}

// set records the nilness of tracked variable i.
func (s state) set(i int, n nilness) state {
	if i < 0 {
		return s
	}
	bit := uint64(1) << i
	s.isNil &^= bit
	s.nonNil &^= bit
	switch n {
	case CertainlyNil:
		s.isNil |= bit
	case CertainlyNonNil:
		s.nonNil |= bit
	}
	return s
}

// maxStates bounds a state set; beyond it, nilness is forgotten.
const maxStates = 64

// stateSet is a set of states, in insertion order.
type stateSet []state

func (ss stateSet) add(s state) stateSet {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}

func union(a, b stateSet) stateSet {
	if len(a) == 0 {
		return b
	}
	out := append(stateSet(nil), a...)
	for _, s := range b {
		out = out.add(s)
	}
	return out.widen()
}

// widen keeps a set small by forgetting nilness, then by dropping states:
// both lose findings, never add them.
func (ss stateSet) widen() stateSet {
	if len(ss) <= maxStates {
		return ss
	}
	var out stateSet
	for _, s := range ss {
		s.isNil, s.nonNil = 0, 0
		out = out.add(s)
	}
	if len(out) > maxStates {
		out = out[:maxStates]
	}
	return out
}

func (ss stateSet) filter(keep func(state) bool) stateSet {
	var out stateSet
	for _, s := range ss {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}
