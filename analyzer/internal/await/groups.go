package await

// This file finds, in one function, the task groups it creates and what it
// does with them: where it starts tasks, where it waits, and whether the
// group escapes to code that may wait for it instead. A group is a local
// variable of a type that launches tasks and waits for them: errgroup.Group,
// sync.WaitGroup, conc's pools and wait groups, or the receiver of a
// -launchers method that also has a Wait method. Result channels that the
// function's goroutines report on are groups too, awaited by a receive.
//
// The function owns a group only if it made it here: a composite literal,
// new(T), a zero-value declaration, or a constructor from the group type's
// own package (errgroup.WithContext, pool.New().WithErrors()). Any use the
// analysis cannot follow — the group passed to a call, stored, returned, or
// captured by a closure that is neither one of its tasks nor run in place —
// is an escape: someone else may wait, and nothing is reported.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// GroupFinder finds task groups with the options of one analyzer.
type GroupFinder struct {
	IsLauncher func(*types.Func) bool       // whether a function starts its function arguments as tasks
	IsReceiver func(path, name string) bool // whether a launcher is a method of the named type path.name
	Strict     bool                         // result channels are groups too
}

// TaskGroup is a group of tasks one function creates.
type TaskGroup struct {
	Obj         *types.Var
	Created     ast.Node     // the statement that creates it
	Ctx         types.Object // the context errgroup.WithContext derived for the tasks, or nil
	ParentCtx   ast.Expr     // the context errgroup.WithContext derived it from
	Channel     bool         // a result channel: a receive awaits one task
	Starts      []token.Pos
	fanOut      map[token.Pos]bool // starts in a loop or in a walker's callback
	waits       []token.Pos        // Wait calls (or receives) in the function itself
	deferred    []token.Pos        // defer statements that wait
	Tasks       []*ast.FuncLit     // the literals started on it
	escapes     bool
	waitResults int                        // how many results its Wait method returns
	heldGo      map[*ast.FuncLit][]goStart // literals held in a variable and started by go v(…)
}

// goStart is a go statement, and whether it runs in a loop.
type goStart struct {
	stmt *ast.GoStmt
	loop bool
}

// heldGoLiterals returns the literals that body assigns to a local variable
// whose every use starts it with a go statement: stop := func(s *S) {
// defer wg.Done(); … }; for … { go stop(s) }.
func heldGoLiterals(info *types.Info, body *ast.BlockStmt) map[*ast.FuncLit][]goStart {
	held := make(map[*types.Var]*ast.FuncLit)
	uses := make(map[*types.Var]int)
	starts := make(map[*types.Var][]goStart)
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
				if lit, ok := ast.Unparen(n.Rhs[0]).(*ast.FuncLit); ok {
					if id, ok := n.Lhs[0].(*ast.Ident); ok {
						if v, ok := info.ObjectOf(id).(*types.Var); ok {
							if held[v] != nil {
								held[v] = nil // assigned twice: which one runs?
								uses[v] = -1
							} else if uses[v] == 0 {
								held[v] = lit
							}
						}
					}
				}
			}
		case *ast.GoStmt:
			if id, ok := ast.Unparen(n.Call.Fun).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok {
					starts[v] = append(starts[v], goStart{n, inLoop(stack)})
				}
			}
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && uses[v] >= 0 {
				uses[v]++
			}
		}
		return true
	})
	out := make(map[*ast.FuncLit][]goStart)
	for v, lit := range held {
		if lit != nil && uses[v] > 0 && uses[v] == len(starts[v]) {
			out[lit] = starts[v]
		}
	}
	return out
}

// groupsOf returns the groups fn's body creates, with their uses.
func (gf *GroupFinder) groupsOf(info *types.Info, fn ast.Node, body *ast.BlockStmt) []*TaskGroup {
	byObj := make(map[*types.Var]*TaskGroup)
	var order []*TaskGroup
	add := func(v *types.Var, created ast.Node) *TaskGroup {
		if g, ok := byObj[v]; ok {
			return g
		}
		g := &TaskGroup{Obj: v, Created: created, fanOut: make(map[token.Pos]bool)}
		if wait := gf.groupWait(v.Type()); wait != nil {
			g.waitResults = wait.Signature().Results().Len()
		}
		byObj[v] = g
		order = append(order, g)
		return g
	}

	// Creations, in the function itself (not in nested literals).
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeclStmt:
			gd, ok := n.Decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				return true
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					v, ok := info.Defs[name].(*types.Var)
					if !ok || !gf.isGroupType(v.Type()) {
						continue
					}
					if recognize.IsErrorChan(v.Type()) {
						continue // a nil channel: nothing reports on it
					}
					if len(vs.Values) == 0 || len(vs.Values) == len(vs.Names) && gf.makesGroup(info, vs.Values[i], v.Type()) {
						add(v, n)
					}
				}
			}
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				return true
			}
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok {
					continue
				}
				v, ok := info.Defs[id].(*types.Var)
				if !ok || !gf.isGroupType(v.Type()) {
					continue
				}
				var value ast.Expr
				switch {
				case len(n.Lhs) == len(n.Rhs):
					value = n.Rhs[i]
				case len(n.Rhs) == 1:
					value = n.Rhs[0]
				}
				if value == nil || !gf.makesGroup(info, value, v.Type()) {
					continue
				}
				g := add(v, n)
				g.Channel = recognize.IsErrorChan(v.Type())
				if call, ok := ast.Unparen(value).(*ast.CallExpr); ok && recognize.IsFunc(recognize.CalleeFunc(info, call), "golang.org/x/sync/errgroup", "WithContext") && len(n.Lhs) == 2 && len(call.Args) == 1 {
					if cid, ok := n.Lhs[1].(*ast.Ident); ok && cid.Name != "_" {
						g.Ctx = info.Defs[cid]
						if g.Ctx == nil {
							g.Ctx = info.Uses[cid]
						}
					}
					g.ParentCtx = call.Args[0]
				}
			}
		}
		return true
	})
	if len(order) == 0 {
		return nil
	}

	heldGo := heldGoLiterals(info, body)
	for _, g := range order {
		g.heldGo = heldGo
	}
	// Uses, anywhere in the body, nested literals included.
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok {
			return true
		}
		g := byObj[v]
		if g == nil {
			return true
		}
		gf.use(info, g, id, stack)
		return true
	})
	var out []*TaskGroup
	for _, g := range order {
		if len(g.Starts) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// use records what one reference to a group does.
func (gf *GroupFinder) use(info *types.Info, g *TaskGroup, id *ast.Ident, stack []ast.Node) {
	if g.Channel {
		gf.chanUse(info, g, id, stack)
		return
	}
	// The reference, seen through &g and (g).
	i := len(stack) - 1
	for i >= 0 {
		if p, ok := stack[i].(*ast.ParenExpr); ok && p.X != nil {
			i--
			continue
		}
		if u, ok := stack[i].(*ast.UnaryExpr); ok && u.Op == token.AND {
			i--
			continue
		}
		break
	}
	sel, ok := stack[i].(*ast.SelectorExpr)
	if i < 1 || !ok || !isRef(sel.X, id) {
		g.escapes = true // passed, stored, returned, compared: someone else may wait
		return
	}
	call, ok := stack[i-1].(*ast.CallExpr)
	if !ok || call.Fun != sel {
		g.escapes = true // a method value: g.Wait handed on
		return
	}
	lit, litAt := innermostLitAt(stack[:i-1])
	method, _ := info.Uses[sel.Sel].(*types.Func)
	switch {
	case method != nil && gf.IsLauncher(method.Origin()):
		if lit == nil {
			g.Starts = append(g.Starts, call.Pos())
			if inLoop(stack[:i-1]) {
				g.fanOut[call.Pos()] = true
			}
			for _, arg := range call.Args {
				if l, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
					g.Tasks = append(g.Tasks, l)
				}
			}
			return
		}
		// Started from a nested literal: a walker's callback run in
		// place starts them on the function's behalf; a task that starts
		// more tasks leaves them to the same Wait.
		switch gf.litRole(info, g, stack[:litAt+1]) {
		case roleInPlace:
			outer := stack[outermostLitIndex(stack[:i-1])-1]
			g.Starts = append(g.Starts, outer.Pos())
			g.fanOut[outer.Pos()] = true
		case roleTask:
		default:
			g.escapes = true
		}
	case sel.Sel.Name == "Wait":
		if lit == nil {
			if isDeferred(stack[:i-1], call) {
				g.deferred = append(g.deferred, stack[i-2].Pos())
			} else {
				g.waits = append(g.waits, call.Pos())
			}
			return
		}
		if d := deferredLit(stack[:i-1]); d != nil {
			g.deferred = append(g.deferred, d.Pos())
			return
		}
		g.escapes = true // waited by a closure that may run any time
	case sel.Sel.Name == "Done":
		if lit == nil {
			return
		}
		if gf.litRole(info, g, stack[:litAt+1]) != roleTask {
			g.escapes = true
			return
		}
		// stop := func() { defer wg.Done(); … }; go stop(): the go
		// statements that run the variable start it.
		if starts, ok := g.heldGo[lit]; ok && !inNestedLit(stack[:litAt]) {
			for _, st := range starts {
				if !containsPos(g.Starts, st.stmt.Pos()) {
					g.Starts = append(g.Starts, st.stmt.Pos())
				}
				if st.loop {
					g.fanOut[st.stmt.Pos()] = true
				}
			}
			if !containsLit(g.Tasks, lit) {
				g.Tasks = append(g.Tasks, lit)
			}
			return
		}
		// go func() { defer wg.Done(); … }(): the go statement starts it.
		if goAt := litAt - 2; goAt >= 0 && !inNestedLit(stack[:goAt]) {
			if gs, ok := stack[goAt].(*ast.GoStmt); ok {
				if !containsPos(g.Starts, gs.Pos()) {
					g.Starts = append(g.Starts, gs.Pos())
					g.Tasks = append(g.Tasks, lit)
				}
				if inLoop(stack[:goAt]) {
					g.fanOut[gs.Pos()] = true
				}
			}
		}
	case sel.Sel.Name == "Add" || sel.Sel.Name == "SetLimit" || sel.Sel.Name == "TryGo":
		if lit != nil && gf.litRole(info, g, stack[:litAt+1]) == roleOther {
			g.escapes = true
		}
	}
}

func containsLit(list []*ast.FuncLit, lit *ast.FuncLit) bool {
	for _, x := range list {
		if x == lit {
			return true
		}
	}
	return false
}

func containsPos(list []token.Pos, p token.Pos) bool {
	for _, x := range list {
		if x == p {
			return true
		}
	}
	return false
}

// chanUse records what one reference to a result channel does: a send
// from a goroutine starts a task, a receive in the function awaits one.
func (gf *GroupFinder) chanUse(info *types.Info, g *TaskGroup, id *ast.Ident, stack []ast.Node) {
	if len(stack) == 0 {
		g.escapes = true
		return
	}
	lit, litAt := innermostLitAt(stack)
	switch parent := stack[len(stack)-1].(type) {
	case *ast.SendStmt:
		if parent.Chan != id {
			g.escapes = true // the channel itself is sent
			return
		}
		if lit == nil {
			return // the function reports on its own channel
		}
		goAt := litAt - 2
		if goAt < 0 || inNestedLit(stack[:goAt]) {
			g.escapes = true
			return
		}
		gs, ok := stack[goAt].(*ast.GoStmt)
		if !ok || gs.Call.Fun != lit {
			g.escapes = true
			return
		}
		if !containsPos(g.Starts, gs.Pos()) {
			g.Starts = append(g.Starts, gs.Pos())
			g.Tasks = append(g.Tasks, lit)
		}
		if inLoop(stack[:goAt]) {
			g.fanOut[gs.Pos()] = true
		}
	case *ast.UnaryExpr:
		if parent.Op != token.ARROW || lit != nil {
			g.escapes = true
			return
		}
		// A receive in a loop collects the results the loop counts
		// (for range urls { <-errc }): it awaits them all where the loop
		// starts.
		g.waits = append(g.waits, loopHead(stack, parent.Pos()))
	case *ast.RangeStmt:
		if parent.X != id || lit != nil {
			g.escapes = true
			return
		}
		g.waits = append(g.waits, parent.X.Pos())
	case *ast.CallExpr:
		if b, ok := info.Uses[calleeIdent(parent)].(*types.Builtin); !ok || b.Name() != "close" && b.Name() != "len" && b.Name() != "cap" {
			g.escapes = true
		}
	default:
		g.escapes = true
	}
}

// litRole is what a nested literal that uses a group is to that group.
type litRole uint8

const (
	roleOther   litRole = iota
	roleTask            // started on the group, or by go with the group's Done
	roleInPlace         // run before the call that takes it returns: a walker's callback
)

// litRole classifies the innermost literal at the end of stack.
func (gf *GroupFinder) litRole(info *types.Info, g *TaskGroup, stack []ast.Node) litRole {
	lit := stack[len(stack)-1].(*ast.FuncLit)
	if _, ok := g.heldGo[lit]; ok {
		return roleTask // held in a variable and started by go v(…)
	}
	if len(stack) < 2 {
		return roleOther
	}
	call, ok := stack[len(stack)-2].(*ast.CallExpr)
	if !ok {
		return roleOther
	}
	if call.Fun == lit {
		if len(stack) >= 3 {
			if _, isGo := stack[len(stack)-3].(*ast.GoStmt); isGo {
				return roleTask // go func() { defer wg.Done(); … }()
			}
			if _, isDefer := stack[len(stack)-3].(*ast.DeferStmt); isDefer {
				return roleOther
			}
		}
		return roleInPlace
	}
	if gf.IsLauncher(recognize.CalleeFunc(info, call)) {
		return roleTask
	}
	// A callback: run in place unless stored by the callee; the walkers
	// this covers (filepath.Walk, fs.WalkDir, Range methods) run it before
	// they return.
	if inNestedLit(stack[:len(stack)-2]) {
		return roleOther
	}
	return roleInPlace
}

// isRef reports whether x is the identifier id, seen through parentheses
// and a dereference.
func isRef(x ast.Expr, id *ast.Ident) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return x == id
	case *ast.StarExpr:
		return isRef(x.X, id)
	}
	return false
}

// innermostLitAt returns the innermost function literal in stack and its
// index, or nil.
func innermostLitAt(stack []ast.Node) (*ast.FuncLit, int) {
	for i := len(stack) - 1; i >= 0; i-- {
		if lit, ok := stack[i].(*ast.FuncLit); ok {
			return lit, i
		}
	}
	return nil, -1
}

// outermostLitIndex returns the index of the outermost literal in stack.
func outermostLitIndex(stack []ast.Node) int {
	for i, n := range stack {
		if _, ok := n.(*ast.FuncLit); ok {
			return i
		}
	}
	return -1
}

// inNestedLit reports whether stack holds a function literal.
func inNestedLit(stack []ast.Node) bool {
	_, i := innermostLitAt(stack)
	return i >= 0
}

// inLoop reports whether the innermost function around the end of stack
// runs the node in a loop.
func inLoop(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// isDeferred reports whether call is the call of a defer statement.
func isDeferred(stack []ast.Node, call *ast.CallExpr) bool {
	if len(stack) == 0 {
		return false
	}
	d, ok := stack[len(stack)-1].(*ast.DeferStmt)
	return ok && d.Call == call
}

// deferredLit returns the defer statement whose literal the end of stack
// is in, directly: defer func() { g.Wait() }().
func deferredLit(stack []ast.Node) *ast.DeferStmt {
	lit, i := innermostLitAt(stack)
	if lit == nil || i < 2 {
		return nil
	}
	call, ok := stack[i-1].(*ast.CallExpr)
	if !ok || call.Fun != lit {
		return nil
	}
	d, _ := stack[i-2].(*ast.DeferStmt)
	if d != nil && inNestedLit(stack[:i-2]) {
		return nil
	}
	return d
}

// isGroupType reports whether t (or what it points to) launches tasks and
// waits for them; in -strict, a channel of errors is one too.
func (gf *GroupFinder) isGroupType(t types.Type) bool {
	return gf.groupWait(t) != nil || gf.Strict && recognize.IsErrorChan(t)
}

// groupWait returns the Wait method of a group type, or nil.
func (gf *GroupFinder) groupWait(t types.Type) *types.Func {
	if t == nil {
		return nil
	}
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || !gf.IsReceiver(named.Obj().Pkg().Path(), named.Obj().Name()) {
		return nil // cheap: most variables are of no launcher's type
	}
	ms := types.NewMethodSet(types.NewPointer(named))
	var wait *types.Func
	launches := false
	for i := range ms.Len() {
		fn, ok := ms.At(i).Obj().(*types.Func)
		if !ok {
			continue
		}
		if fn.Name() == "Wait" {
			wait = fn
		}
		if gf.IsLauncher(fn.Origin()) {
			launches = true
		}
	}
	if !launches {
		return nil
	}
	return wait
}

// makesGroup reports whether e makes a new group of type t: a composite
// literal, new(T), or a call of a constructor in t's own package.
func (gf *GroupFinder) makesGroup(info *types.Info, e ast.Expr, t types.Type) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && ok
	case *ast.CallExpr:
		if b, ok := info.Uses[calleeIdent(e)].(*types.Builtin); ok {
			return b.Name() == "new" || b.Name() == "make" && recognize.IsErrorChan(t)
		}
		fn := recognize.CalleeFunc(info, e)
		if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
			t = ptr.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		return ok && fn != nil && fn.Pkg() != nil && named.Obj().Pkg() == fn.Pkg()
	}
	return false
}

// calleeIdent returns the identifier a call's function is, or nil.
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	id, _ := ast.Unparen(call.Fun).(*ast.Ident)
	return id
}

// loopHead returns the position of the header expression of the innermost
// loop around the end of stack, evaluated before the loop runs, or pos if
// there is no such loop or header.
func loopHead(stack []ast.Node, pos token.Pos) token.Pos {
	for i := len(stack) - 1; i >= 0; i-- {
		switch l := stack[i].(type) {
		case *ast.RangeStmt:
			return l.X.Pos()
		case *ast.ForStmt:
			switch {
			case l.Init != nil:
				return l.Init.Pos()
			case l.Cond != nil:
				return l.Cond.Pos()
			}
			return pos
		case *ast.FuncLit, *ast.FuncDecl:
			return pos
		}
	}
	return pos
}
