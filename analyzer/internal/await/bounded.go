package await

// This file tells tasks that end by themselves, shortly, from tasks that
// can outlive their owner by much. A leak matters when the tasks left
// behind go on doing I/O against state nobody guards (they were handed a
// context for it) or block on a channel for ever; tasks that only compute
// finish a moment after the owner's error return, and the audit alone
// lists them. OPA's bundle reader is the shape: module parses of bytes in
// memory on an errgroup, left when a later file's version check fails.
// Every true leak read on the intent repositories hands its tasks a
// context or ranges over a channel nothing closes.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// waitingPackages are standard packages whose calls may wait on the
// world: the network, processes, files, time, locks.
var waitingPackages = map[string]bool{
	"net": true, "net/http": true, "net/rpc": true, "os/exec": true, "database/sql": true,
	"io": true, "bufio": true, "os": true, "time": true, "sync": true, "syscall": true,
}

// computesOnly reports whether every task of g is a literal seen here
// that only computes: no call handed a context, no channel operation, no
// goroutine, no call through an interface or a function value (a server's
// Serve may run for ever), and no standard call that waits.
func (gf *GroupFinder) computesOnly(info *types.Info, g *TaskGroup) bool {
	if len(g.Tasks)+len(g.Methods) < len(g.Starts) {
		return false // tasks started by name: bodies not all seen
	}
	for _, lit := range g.Tasks {
		if !gf.onlyComputes(info, lit.Body, 0) {
			return false
		}
	}
	for _, m := range g.Methods {
		if !gf.onlyComputes(info, m.Decl.Body, 0) {
			return false
		}
	}
	return len(g.Tasks)+len(g.Methods) > 0
}

// maxComputeDepth bounds how deep the package's own callees are read.
const maxComputeDepth = 3

func (gf *GroupFinder) onlyComputes(info *types.Info, body *ast.BlockStmt, depth int) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.SendStmt, *ast.SelectStmt, *ast.GoStmt:
			ok = false
		case *ast.UnaryExpr:
			ok = n.Op != token.ARROW
		case *ast.RangeStmt:
			if t := info.TypeOf(n.X); t != nil {
				_, isChan := t.Underlying().(*types.Chan)
				ok = !isChan
			}
		case *ast.CallExpr:
			ok = computingCall(info, n)
			if fn := recognize.CalleeFunc(info, n); ok && fn != nil && gf.decls != nil {
				if d := gf.decls.Of(fn); d != nil {
					// The package's own function: what it calls, too.
					ok = depth < maxComputeDepth && gf.onlyComputes(info, d.Body, depth+1)
				}
			}
		}
		return ok
	})
	return ok
}

// computingCall reports whether call computes and returns: a conversion,
// a builtin, a WaitGroup's Done, or a static call handed no context, of a
// function that is not an interface method nor in a waiting package.
func computingCall(info *types.Info, call *ast.CallExpr) bool {
	if tv, ok := info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		return true
	}
	if _, inPlace := ast.Unparen(call.Fun).(*ast.FuncLit); inPlace {
		return true // func() { … }(): its body is read where it stands
	}
	for _, arg := range call.Args {
		if recognize.IsContextType(info.TypeOf(arg)) {
			return false
		}
	}
	fn := recognize.CalleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false // a function value: anything
	}
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return false // an interface method: anything
	}
	path := fn.Pkg().Path()
	if path == "sync" && (fn.Name() == "Done" || fn.Name() == "Add") {
		return true // wg.Done(): the task reports that it ended
	}
	return !waitingPackages[path]
}
