package await

// This file is the owner's side of the contract: cancel and wait. A
// function that starts tasks on a group it created and leaves without
// waiting for them loses their errors and leaves them running against
// state it no longer guards. The check is a forward dataflow over the
// function's control-flow graph (go/cfg): per group, whether tasks were
// started since the last Wait, whether a deferred Wait is registered, and
// whether the pending tasks were fanned out (started in a loop or a
// walker's callback). A return reached with pending tasks and no deferred
// Wait leaks them.
//
// What the default mode reports is a difference, as for swallows: the
// function waits on the way it expects and an error path leaves a fan-out
// behind (return err in the middle of the launch loop), or the group is
// never waited on at all. -strict lists every leaving path. Paths that
// never started a task, that end in panic or os.Exit, main and what only
// main calls, and groups that escape are never reported.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// pending is what a path knows of one group's tasks.
type pending uint8

const (
	noneStarted pending = iota
	oneByOne            // tasks started one by one
	fannedOut           // tasks started in a loop or callback
)

// groupState is a set of (pending, deferred Wait) pairs, one bit each.
type groupState uint8

func bit(p pending, deferred bool) groupState {
	i := uint(p) * 2
	if deferred {
		i++
	}
	return 1 << i
}

// apply maps every pair of s through f.
func (s groupState) apply(f func(pending, bool) (pending, bool)) groupState {
	var out groupState
	for p := noneStarted; p <= fannedOut; p++ {
		for _, d := range []bool{false, true} {
			if s&bit(p, d) != 0 {
				out |= bit(f(p, d))
			}
		}
	}
	return out
}

// leaking returns the worst pending state with no deferred Wait.
func (s groupState) leaking() pending {
	switch {
	case s&bit(fannedOut, false) != 0:
		return fannedOut
	case s&bit(oneByOne, false) != 0:
		return oneByOne
	}
	return noneStarted
}

// groupLeak is a return that leaves a group's tasks running.
type groupLeak struct {
	group   *TaskGroup
	Ret     *ast.ReturnStmt // synthetic at the closing brace for an implicit return
	Implied bool            // the return is the end of the body
	fanOut  bool
	failure bool // the return reports an error that is certainly non-nil
}

// event is a start, wait or deferred wait of a group, at a position.
type event struct {
	pos   token.Pos
	group int
	kind  uint8 // evStart, evWait, evDefer
	fan   bool
}

const (
	evStart uint8 = iota
	evWait
	evDefer
)

// leaksOf runs the dataflow over body for the groups and returns every
// return reached with pending tasks.
func leaksOf(info *types.Info, body *ast.BlockStmt, sig *types.Signature, groups []*TaskGroup) []groupLeak {
	graph := cfg.New(body, func(call *ast.CallExpr) bool { return !recognize.IsNoReturn(info, call) })
	var events []event
	for i, g := range groups {
		for _, p := range g.Starts {
			events = append(events, event{pos: p, group: i, kind: evStart, fan: g.fanOut[p]})
		}
		for _, p := range g.waits {
			events = append(events, event{pos: p, group: i, kind: evWait})
		}
		for _, p := range g.deferred {
			events = append(events, event{pos: p, group: i, kind: evDefer})
		}
	}
	// step applies the events inside node n to the states.
	step := func(n ast.Node, in []groupState) []groupState {
		out := append([]groupState(nil), in...)
		var here []event
		for _, e := range events {
			if n.Pos() <= e.pos && e.pos < n.End() {
				here = append(here, e)
			}
		}
		// In source order within the node: return g.Wait() waits first.
		for i := 1; i < len(here); i++ {
			for j := i; j > 0 && here[j].pos < here[j-1].pos; j-- {
				here[j], here[j-1] = here[j-1], here[j]
			}
		}
		for _, e := range here {
			out[e.group] = out[e.group].apply(func(p pending, d bool) (pending, bool) {
				switch e.kind {
				case evStart:
					if e.fan {
						return fannedOut, d
					}
					return max(p, oneByOne), d
				case evWait:
					return noneStarted, d
				}
				return p, true
			})
		}
		return out
	}

	in := make([][]groupState, len(graph.Blocks))
	entry := make([]groupState, len(groups))
	for i := range entry {
		entry[i] = bit(noneStarted, false)
	}
	in[0] = entry
	work := []*cfg.Block{graph.Blocks[0]}
	queued := map[*cfg.Block]bool{graph.Blocks[0]: true}
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		queued[b] = false
		st := in[b.Index]
		for _, n := range b.Nodes {
			st = step(n, st)
		}
		for _, succ := range b.Succs {
			old := in[succ.Index]
			merged := make([]groupState, len(groups))
			changed := old == nil
			for i := range merged {
				if old != nil {
					merged[i] = old[i]
				}
				if merged[i]|st[i] != merged[i] {
					changed = true
				}
				merged[i] |= st[i]
			}
			if changed {
				in[succ.Index] = merged
				if !queued[succ] {
					queued[succ] = true
					work = append(work, succ)
				}
			}
		}
	}

	failures := failureReturns(info, body, sig)
	var leaks []groupLeak
	for _, b := range graph.Blocks {
		ret := b.Return()
		if ret == nil || in[b.Index] == nil || !b.Live {
			continue
		}
		st := in[b.Index]
		for _, n := range b.Nodes {
			st = step(n, st)
		}
		for i, g := range groups {
			p := st[i].leaking()
			if p == noneStarted {
				continue
			}
			leaks = append(leaks, groupLeak{
				group:   g,
				Ret:     ret,
				Implied: ret.Results == nil && ret.Return == body.End()-1,
				fanOut:  p == fannedOut,
				failure: failures[ret],
			})
		}
	}
	return leaks
}

// failureReturns returns the return statements of body that report an
// error that is certainly non-nil: a constructed or wrapped error, ctx.Err(),
// or an error variable the return is guarded by (if err != nil { return err }).
func failureReturns(info *types.Info, body *ast.BlockStmt, sig *types.Signature) map[*ast.ReturnStmt]bool {
	out := make(map[*ast.ReturnStmt]bool)
	errIdx := recognize.ErrorResult(sig)
	if errIdx < 0 {
		return out
	}
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != sig.Results().Len() {
				return true
			}
			e := ast.Unparen(n.Results[errIdx])
			switch {
			case recognize.IsNil(info, e):
			case recognize.ConstructedError(info, e), recognize.ContextErrCall(info, e) != nil:
				out[n] = true
			case len(recognize.WrappedErrors(info, e)) > 0:
				out[n] = true
			default:
				if call, ok := e.(*ast.CallExpr); ok {
					if fn := recognize.CalleeFunc(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf" {
						out[n] = true
					}
				}
				if id, ok := e.(*ast.Ident); ok && checkedNonNil(info, id, stack) {
					out[n] = true
				}
			}
		}
		return true
	})
	return out
}

// checkedNonNil reports whether an if around the end of stack makes sure
// that the variable id names is not nil on the branch the return is in:
// err != nil (or err != nil && …) in the body, err == nil in the else,
// through negation and parentheses.
func checkedNonNil(info *types.Info, id *ast.Ident, stack []ast.Node) bool {
	v := info.Uses[id]
	for i := len(stack) - 1; i >= 1; i-- {
		if _, ok := stack[i].(*ast.FuncLit); ok {
			return false
		}
		ifs, ok := stack[i-1].(*ast.IfStmt)
		if !ok || ifs.Body != stack[i] && ifs.Else != stack[i] {
			continue
		}
		for _, a := range recognize.Implied(ifs.Cond, ifs.Body == stack[i]) {
			if onNil, ok := recognize.IsNilTest(info, a.Expr, v); ok && onNil != a.Holds {
				return true
			}
		}
	}
	return false
}
