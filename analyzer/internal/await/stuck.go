package await

// This file tells a leak that never ends from one that only runs on: a
// goroutine that sends its result on an unbuffered channel the function
// made blocks forever once the function has returned without receiving it
// (gval#107: select { case <-ctx.Done(): return nil, ctx.Err(); case err :=
// <-errCh: … }). Buffering the channel for the one result lets it finish,
// as the maintainers did.

import (
	"go/ast"
	"go/constant"
	"go/types"
)

// chanMake returns the make call of e when it makes a channel, with its
// buffer's size when that is a constant (-1 otherwise).
func chanMake(info *types.Info, e ast.Expr) (*ast.CallExpr, int) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, -1
	}
	if b, ok := info.Uses[calleeIdent(call)].(*types.Builtin); !ok || b.Name() != "make" {
		return nil, -1
	}
	if _, ok := types.Unalias(info.TypeOf(call)).Underlying().(*types.Chan); !ok {
		return nil, -1
	}
	if len(call.Args) == 1 {
		return call, 0
	}
	if tv, ok := info.Types[call.Args[1]]; ok && tv.Value != nil {
		if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
			return call, int(n)
		}
	}
	return call, -1
}

// blocksForever reports whether g's goroutines, one literal started once
// or in a loop, send on g's unbuffered channel on every path, with
// nothing else to give up on: once the function returns without
// receiving, those whose result it did not take never end.
func (g *TaskGroup) blocksForever(info *types.Info) bool {
	if !g.Channel || g.made == nil || g.capacity != 0 || len(g.Starts) != 1 || len(g.Tasks) != 1 {
		return false
	}
	sends := g.sends(info, g.Tasks[0])
	if len(sends) == 0 {
		return false
	}
	for _, s := range sends {
		if s.inSelect {
			return false
		}
	}
	if receivesInput(info, g.Tasks[0]) {
		// for line := range logChan { … }; errChan <- err: it may wait for
		// its input first, which the function feeds or closes only after
		// this return (podman's log writer).
		return false
	}
	// A goroutine that reports only a failure (a server's) lives on
	// serving: its send is not what keeps it.
	results := g.resultChans(info)
	return mustSend(info, g.Tasks[0].Body.List, func(v types.Object) bool { return results[v] })
}

// BufferFix returns the make call to give a buffer of one, when that lets
// g's goroutine finish: it blocks forever otherwise, and sends its one
// result at most once (see sendsOnce).
func (g *TaskGroup) BufferFix(info *types.Info) *ast.CallExpr {
	if !g.blocksForever(info) || !g.sendsOnce(info) {
		return nil
	}
	return g.made
}

// endsOnItsOwn reports whether g's goroutine, started once, has room in
// the channel's buffer for the one result it sends on every path: it
// finishes whether or not the function receives it (gval after its fix).
func (g *TaskGroup) endsOnItsOwn(info *types.Info) bool {
	if !g.Channel || g.made == nil || g.capacity < 1 || len(g.Tasks) != 1 || !g.sendsOnce(info) {
		return false
	}
	for _, s := range g.sends(info, g.Tasks[0]) {
		if s.inSelect {
			return false
		}
	}
	results := g.resultChans(info)
	return mustSend(info, g.Tasks[0].Body.List, func(v types.Object) bool { return results[v] })
}

// sendsOnce reports whether g's one goroutine, started once, sends on g's
// channel alone and at most once on any run: one send outside loops, or
// sends that each end the goroutine (the last statement, or followed by
// a return), with sends in a deferred recover handler too — those run
// only when it panicked, before any of the others.
func (g *TaskGroup) sendsOnce(info *types.Info) bool {
	if len(g.Starts) != 1 || len(g.Tasks) != 1 || len(g.fanOut) > 0 || len(g.siblings) > 0 {
		return false // one buffer slot is not enough for many, nor for another channel
	}
	var plain []chanSend
	recovering := false
	for _, s := range g.sends(info, g.Tasks[0]) {
		switch {
		case s.inLoop:
			return false
		case s.recovering:
			recovering = true
		default:
			plain = append(plain, s)
		}
	}
	if len(plain) == 1 && !recovering {
		return true
	}
	for _, s := range plain {
		if !s.last {
			return false
		}
	}
	return len(plain) > 0
}

// resultChans returns the channels g's one goroutine reports on: g's own
// and the siblings it sends its other results on.
func (g *TaskGroup) resultChans(info *types.Info) map[types.Object]bool {
	out := map[types.Object]bool{g.Obj: true}
	for _, v := range g.siblings {
		out[v] = true
	}
	return out
}
