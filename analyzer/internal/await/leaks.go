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
	collecting          // fanned out, and some of their results received in a loop with no count
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
	for p := noneStarted; p <= collecting; p++ {
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
	case s&bit(collecting, false) != 0:
		return collecting
	case s&bit(oneByOne, false) != 0:
		return oneByOne
	}
	return noneStarted
}

// Leak is a return that leaves a group's tasks running.
type Leak struct {
	group   *TaskGroup
	Ret     *ast.ReturnStmt // synthetic at the closing brace for an implicit return
	Implied bool            // the return is the end of the body
	fanOut  bool
	Failure bool // the return reports an error that is certainly non-nil
	// Collecting says the function had received some of the fanned-out
	// tasks' results, in a loop that does not count them, before leaving.
	Collecting bool
}

// Fanned reports whether the tasks l leaves were started in a loop.
func (l *Leak) Fanned() bool { return l.fanOut }

// event is a start, wait or deferred wait of a group, at a position.
type event struct {
	pos   token.Pos
	group int
	kind  uint8 // evStart, evWait, evDefer
	fan   bool
	loop  ast.Stmt // for a wait that receives in a loop: the loop, once done
	// partial: a receive in a loop with no count (for { select … }), one
	// result of a fan-out's many.
	partial bool
}

const (
	evStart uint8 = iota
	evWait
	evDefer
)

// leaksOf runs the dataflow over body for the groups and returns every
// return reached with pending tasks.
func leaksOf(info *types.Info, body *ast.BlockStmt, sig *types.Signature, groups []*TaskGroup, fieldSends func(types.Object) bool, cons *recognize.Constructors) []Leak {
	graph := cfg.New(body, func(call *ast.CallExpr) bool { return !recognize.IsNoReturn(info, call) })
	var events []event
	for i, g := range groups {
		for _, p := range g.Starts {
			events = append(events, event{pos: p, group: i, kind: evStart, fan: g.fanOut[p]})
		}
		for _, p := range g.waits {
			events = append(events, event{pos: p, group: i, kind: evWait, loop: g.collects[p], partial: g.partial[p]})
		}
		for _, p := range g.deferred {
			events = append(events, event{pos: p, group: i, kind: evDefer})
		}
	}
	// go/cfg evaluates every case's communication of a select before it
	// branches: a receive there would wait on every path out of the
	// select. Its events belong to the path into the case's body instead:
	// select { case <-done: …; case err := <-errc: return err } waits for
	// the tasks on one arm and leaves on the other.
	comms := selectComms(body)
	inComm := func(pos token.Pos) bool {
		for _, c := range comms {
			if c.Comm.Pos() <= pos && pos < c.Comm.End() {
				return true
			}
		}
		return false
	}
	// apply applies the events inside [from, to) to the states; comm
	// events only when asked for.
	apply := func(from, to token.Pos, comm bool, in []groupState) []groupState {
		out := append([]groupState(nil), in...)
		var here []event
		for _, e := range events {
			if from <= e.pos && e.pos < to && inComm(e.pos) == comm && e.loop == nil {
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
			out = applyEvent(out, e)
		}
		return out
	}
	// step applies the events of node n, the start of block b's body
	// first when b is a select case's body.
	step := func(n ast.Node, in []groupState) []groupState {
		return apply(n.Pos(), n.End(), false, in)
	}
	enter := func(b *cfg.Block, in []groupState) []groupState {
		if cc, ok := b.Stmt.(*ast.CommClause); ok && b.Kind == cfg.KindSelectCaseBody && cc.Comm != nil {
			return apply(cc.Comm.Pos(), cc.Comm.End(), true, in)
		}
		if b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone {
			// for range n { <-errc }: the results are all received once
			// the loop is done, not on a return from inside it.
			out := in
			for _, e := range events {
				if e.loop == b.Stmt {
					out = applyEvent(out, e)
				}
			}
			return out
		}
		return in
	}

	guards := make([]flagGuard, len(groups))
	for i, g := range groups {
		guards[i] = guardOf(info, body, g.Starts)
	}
	// onEdge returns the states along the k-th edge out of b: where b
	// ends in a test of a group's flag and the edge is the value under
	// which its tasks never start, none were started on this path.
	onEdge := func(b *cfg.Block, k int, st []groupState) []groupState {
		if len(b.Succs) != 2 || len(b.Nodes) == 0 {
			return st
		}
		cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
		if !ok {
			return st
		}
		v, val := literalOf(info, cond)
		if v == nil {
			return st
		}
		if k == 1 {
			val = !val // Succs[1] is taken when the condition is false
		}
		var out []groupState
		for i, g := range guards {
			if g.v == v && g.val != val {
				if out == nil {
					out = append([]groupState(nil), st...)
				}
				out[i] = st[i].apply(func(_ pending, d bool) (pending, bool) { return noneStarted, d })
			}
		}
		if out == nil {
			return st
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
		st := enter(b, in[b.Index])
		for _, n := range b.Nodes {
			st = step(n, st)
		}
		for k, succ := range b.Succs {
			st := onEdge(b, k, st)
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

	failures := failureReturns(info, body, sig, fieldSends, cons)
	var leaks []Leak
	for _, b := range graph.Blocks {
		ret := b.Return()
		if ret == nil || in[b.Index] == nil || !b.Live {
			continue
		}
		st := enter(b, in[b.Index])
		for _, n := range b.Nodes {
			st = step(n, st)
		}
		for i, g := range groups {
			p := st[i].leaking()
			if p == noneStarted {
				continue
			}
			leaks = append(leaks, Leak{
				group:      g,
				Ret:        ret,
				Implied:    ret.Results == nil && ret.Return == body.End()-1,
				fanOut:     p == fannedOut || p == collecting,
				Collecting: p == collecting,
				Failure:    failures[ret],
			})
		}
	}
	return leaks
}

// applyEvent returns the states after event e.
func applyEvent(in []groupState, e event) []groupState {
	out := append([]groupState(nil), in...)
	out[e.group] = out[e.group].apply(func(p pending, d bool) (pending, bool) {
		switch e.kind {
		case evStart:
			if e.fan {
				return fannedOut, d
			}
			return max(p, oneByOne), d
		case evWait:
			if e.partial && (p == fannedOut || p == collecting) {
				return collecting, d // one result of many: the rest still run
			}
			return noneStarted, d
		}
		return p, true
	})
	return out
}

// failureReturns returns the return statements of body that report an
// error that is certainly non-nil: a constructed or wrapped error, ctx.Err(),
// an error variable the return is guarded by (if err != nil { return err }),
// or one received from a channel that only non-nil errors are sent on.
func failureReturns(info *types.Info, body *ast.BlockStmt, sig *types.Signature, fieldSends func(types.Object) bool, cons *recognize.Constructors) map[*ast.ReturnStmt]bool {
	out := make(map[*ast.ReturnStmt]bool)
	errIdx := recognize.ErrorResult(sig)
	if errIdx < 0 {
		return out
	}
	received := receivedFrom(info, body)
	failing := make(map[types.Object]bool) // channels only non-nil errors are sent on, by need
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
			case failureValue(info, e, stack, cons):
				out[n] = true
			case received[info.Uses[recognize.IdentOf(e)]] != nil:
				ch := received[info.Uses[recognize.IdentOf(e)]]
				if _, known := failing[ch]; !known {
					failing[ch] = sendsOnlyFailures(info, body, ch, fieldSends, cons)
				}
				out[n] = failing[ch]
			}
		}
		return true
	})
	return out
}

// failureValue reports whether e, at the end of stack, is an error that is
// certainly non-nil: constructed, wrapped, ctx.Err(), fmt.Errorf, or a
// variable an if around it checked.
func failureValue(info *types.Info, e ast.Expr, stack []ast.Node, cons *recognize.Constructors) bool {
	e = ast.Unparen(e)
	switch {
	case recognize.IsNil(info, e):
		return false
	case recognize.ConstructedError(info, e, cons), recognize.ContextErrCall(info, e) != nil:
		return true
	case len(recognize.WrappedErrors(info, e, cons)) > 0:
		return true
	}
	if call, ok := e.(*ast.CallExpr); ok {
		if fn := recognize.CalleeFunc(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf" {
			return true
		}
	}
	if id, ok := e.(*ast.Ident); ok && checkedNonNil(info, id, stack) {
		return true
	}
	return false
}

// receivedFrom maps each local variable that body gives only a value
// received from a channel variable (err := <-errc, case err := <-errc:) to
// that channel.
func receivedFrom(info *types.Info, body *ast.BlockStmt) map[types.Object]types.Object {
	out := make(map[types.Object]types.Object)
	count := make(map[types.Object]int)
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, lhs := range as.Lhs {
			v := info.ObjectOf(recognize.IdentOf(lhs))
			if v == nil {
				continue
			}
			count[v]++
			if len(as.Lhs) == len(as.Rhs) {
				if u, ok := ast.Unparen(as.Rhs[i]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
					if ch := info.Uses[recognize.IdentOf(u.X)]; ch != nil {
						out[v] = ch
					}
				}
			}
		}
		return true
	})
	for v := range out {
		if count[v] != 1 {
			delete(out, v)
		}
	}
	return out
}

// sendsOnlyFailures reports whether every send on ch in body, nested
// literals included, sends a certainly non-nil error, and ch is only sent
// on and received from (not passed on, where others may send nil), or
// given to a struct field that fieldSends says only failures are sent on.
func sendsOnlyFailures(info *types.Info, body *ast.BlockStmt, ch types.Object, fieldSends func(types.Object) bool, cons *recognize.Constructors) bool {
	ok, sends := true, 0
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !ok || !isID || info.Uses[id] != ch {
			return ok
		}
		switch parent := stack[len(stack)-1].(type) {
		case *ast.SendStmt:
			sends++
			ok = parent.Chan == id && failureValue(info, parent.Value, append(stack[:len(stack):len(stack)], parent.Value), cons)
		case *ast.UnaryExpr: // <-ch
		case *ast.KeyValueExpr: // task{errs: errs}: its methods send on the field
			k, isK := parent.Key.(*ast.Ident)
			ok = isK && parent.Value == id && fieldSends != nil && fieldSends(info.Uses[k])
			if ok {
				sends++
			}
		case *ast.AssignStmt: // var ch chan error; ch = make(chan error, n)
			ok = false
			for i, lhs := range parent.Lhs {
				if lhs == id && len(parent.Lhs) == len(parent.Rhs) {
					if call, isCall := ast.Unparen(parent.Rhs[i]).(*ast.CallExpr); isCall {
						b, isB := info.Uses[calleeIdent(call)].(*types.Builtin)
						ok = isB && b.Name() == "make"
					}
				}
			}
		case *ast.CallExpr: // close(ch), len(ch)
			if b, isB := info.Uses[calleeIdent(parent)].(*types.Builtin); !isB || b.Name() != "close" && b.Name() != "len" {
				ok = false
			}
		default:
			ok = false
		}
		return ok
	})
	return ok && sends > 0
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

// selectComms returns the cases of the selects in body, nested literals
// aside, that have a communication.
func selectComms(body *ast.BlockStmt) []*ast.CommClause {
	var out []*ast.CommClause
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			if n.Comm != nil {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}
