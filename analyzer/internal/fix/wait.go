package fix

// This file builds the fix of an unawaited leak: on the leaking path,
// cancel the tasks' context where the function holds its cancel (deriving
// one with context.WithCancel for an errgroup.WithContext group whose
// tasks watch the group's context), wait for the group, then return as
// before. Where the tasks watch no context the function can cancel, the
// fix only waits, and its message says so.

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/await"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// WaitFix is the fix of one await.WaitFinding.
type WaitFix struct {
	Fix    analysis.SuggestedFix
	Cancel string // the cancel the fix calls, or ""
}

// WaitFixOf returns the fix of f, or why it has none.
func (fx *Fixer) WaitFixOf(f *await.WaitFinding) (*WaitFix, string) {
	if f.Leak == nil {
		return nil, "where to wait is the author's choice"
	}
	if f.Group.Channel {
		return fx.bufferFix(f)
	}
	if f.WaitsConditionally() {
		return nil, "the function waits for its tasks only under a condition, and whether to wait on this path too is the author's choice"
	}
	if receivesWork(fx.info, f.Group) {
		// for job := range jobs { … }: waiting before the function closes
		// the channel its tasks read would never end.
		return nil, "the tasks wait on a channel that must be closed before waiting for them"
	}
	if ch := blockingSend(fx.info, f.Body, f.Group); ch != "" {
		// errs <- err on an unbuffered channel the function no longer
		// reads after this return: a second failing task blocks there,
		// and the wait never ends.
		return nil, "a task may block sending on " + ch + ", which nothing reads once the function returns here"
	}
	file, tok, src, why := fx.editable(f.Leak.Ret.Pos())
	if why != "" {
		return nil, why
	}
	info := fx.info
	imports := fx.importPlan(file, tok, src)
	e := &edit{fx: fx, file: file, tok: tok, src: src, imports: imports}
	g := f.Group
	at := f.Leak.Ret.Pos()
	if f.Leak.Implied {
		at = f.Body.Rbrace
	}

	// Which cancel stops the tasks? Only a return that reports a failure
	// gives up on their work: on any other way out, what they do is the
	// function's result (hashes filled in, servers stopped), and the fix
	// waits for it.
	cancel := ""
	var edits []analysis.TextEdit
	switch ctx := tasksContext(info, g); {
	case ctx == nil || !f.Leak.Failure:
	case ctx == g.Ctx && g.ParentCtx != nil:
		// errgroup.WithContext(parent): derive a context to cancel the
		// group's from, right before the group is made.
		if name, ok := heldCancel(info, f.Body, recognize.SubjectOf(info, g.ParentCtx), at, e); ok {
			cancel = name
			break
		}
		ctxName := freeName(e, []token.Pos{g.Created.Pos(), at}, "groupCtx", "groupCtx2")
		cancelName := freeName(e, []token.Pos{g.Created.Pos(), at}, "cancel", "cancelGroup", "cancelTasks")
		if ctxName == "" || cancelName == "" {
			return nil, "no free name for a context to cancel the group's from"
		}
		ind := e.indent(g.Created.Pos())
		q := imports.qualifier(recognize.ContextPath, g.Created.Pos())
		edits = append(edits,
			analysis.TextEdit{Pos: g.Created.Pos(), End: g.Created.Pos(), NewText: []byte(
				ctxName + ", " + cancelName + " := " + q + "WithCancel(" + e.text(g.ParentCtx) + ")\n" +
					ind + "defer " + cancelName + "()\n" + ind)},
			analysis.TextEdit{Pos: g.ParentCtx.Pos(), End: g.ParentCtx.End(), NewText: []byte(ctxName)},
		)
		cancel = cancelName
	default:
		if name, ok := heldCancel(info, f.Body, ctx, at, e); ok {
			cancel = name
			break
		}
		// The tasks watch a context the function received: derive one to
		// cancel from it, right before the group is made, for the task
		// literals to watch instead. Waiting without cancelling would hold
		// the return until the caller cancels (tasks that run until their
		// context ends).
		derived, ok := deriveTasksContext(e, g, ctx, at, imports)
		if !ok {
			break
		}
		edits = append(edits, derived.edits...)
		cancel = derived.cancel
	}

	switch {
	case cancel == "" && !endWithTheirContexts(info, g):
		// Waiting for tasks nothing here can stop turns the return into a
		// hang when one of them runs on (a server started on the group).
		return nil, "nothing here can stop its tasks, and they are not seen to end: a call in them is handed no context"
	case cancel != "" && !endWithCancel(info, g):
		// Cancelling does not stop a task that works under no context, or
		// serves until a shutdown further down: waiting would hang.
		return nil, "the tasks are not seen to end when their context is cancelled: they work under no context, or serve until stopped"
	}
	// A CancelCauseFunc takes a cause: the error the function returns,
	// when it is named, or nil (the cause is then context.Canceled).
	call := cancel + "()"
	if cancel != "" && takesCause(fx.pass.Pkg, cancel, at) {
		cause := "nil"
		if r := f.Leak.Ret; !f.Leak.Implied && len(r.Results) > 0 {
			if id, ok := ast.Unparen(r.Results[len(r.Results)-1]).(*ast.Ident); ok && recognize.IsErrorType(info.TypeOf(id)) {
				cause = id.Name
			}
		}
		call = cancel + "(" + cause + ")"
	}
	wait := await.WaitText(g)
	var text string
	if f.Leak.Implied {
		ind := e.indent(f.Body.Rbrace) + "\t"
		if cancel != "" {
			text += ind + call + "\n"
		}
		text += ind + wait + "\n"
		start := tok.LineStart(tok.Line(f.Body.Rbrace))
		if tok.Line(f.Body.Lbrace) == tok.Line(f.Body.Rbrace) {
			return nil, "the function is written on one line"
		}
		edits = append(edits, analysis.TextEdit{Pos: start, End: start, NewText: []byte(text)})
	} else {
		ind := e.indent(at)
		if cancel != "" {
			text += call + "\n" + ind
		}
		text += wait + "\n" + ind
		if tok.LineStart(tok.Line(at)) != at-token.Pos(len(ind)) {
			return nil, "the return shares its line with other code"
		}
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)})
	}
	edits = append(edits, imports.edits()...)
	sortEdits(edits)
	msg := "Wait for " + g.Name + " before returning"
	switch {
	case cancel != "":
		msg = "Cancel the tasks and wait for " + g.Name + " before returning"
	case f.Leak.Failure:
		msg += " (its tasks watch no context this function can cancel)"
	}
	return &WaitFix{Fix: analysis.SuggestedFix{Message: msg, TextEdits: edits}, Cancel: cancel}, ""
}

// tasksContext returns the one context variable the group's tasks read,
// captured from the function (or bound to a method task's receiver field
// at its launch), or nil.
func tasksContext(info *types.Info, g *await.TaskGroup) types.Object {
	var found types.Object
	see := func(v types.Object) {
		if found == nil {
			found = v
		} else if found != v {
			found = types.Universe.Lookup("nil") // more than one: none
		}
	}
	for _, t := range taskBodies(g) {
		ast.Inspect(t.body, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if v, ok := info.Uses[recognize.IdentOf(t.bound.Value(info, sel))].(*types.Var); ok && recognize.IsContextType(v.Type()) {
					see(v) // t.ctx given gctx at the launch
					return false
				}
				return true
			}
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			v, ok := info.Uses[id].(*types.Var)
			if !ok || v.IsField() || !recognize.IsContextType(v.Type()) || v.Pos() >= t.node.Pos() && v.Pos() < t.node.End() {
				return true
			}
			see(v)
			return true
		})
	}
	if _, isNil := found.(*types.Nil); isNil {
		return nil
	}
	return found
}

// taskBody is the body of one of a group's tasks: a literal, or a method
// started on a receiver built at the launch.
type taskBody struct {
	node  ast.Node // the literal or method declaration
	body  *ast.BlockStmt
	bound *recognize.Bound
}

// taskBodies returns the bodies of the group's tasks that are seen.
func taskBodies(g *await.TaskGroup) []taskBody {
	var out []taskBody
	for _, lit := range g.Tasks {
		out = append(out, taskBody{node: lit, body: lit.Body})
	}
	for _, m := range g.Methods {
		out = append(out, taskBody{node: m.Decl, body: m.Decl.Body, bound: m.Bound})
	}
	return out
}

// heldCancel returns the name of the cancel function body holds for ctx
// (ctx, cancel := context.WithCancel(…) and its kin), if it denotes that
// cancel at pos.
func heldCancel(info *types.Info, body *ast.BlockStmt, ctx types.Object, pos token.Pos, e *edit) (string, bool) {
	if ctx == nil {
		return "", false
	}
	name := ""
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || name != "" {
			return name == ""
		}
		tuple, ok := info.TypeOf(as.Rhs[0]).(*types.Tuple)
		if !ok || tuple.Len() != len(as.Lhs) {
			return true
		}
		ctxAt, cancelAt := -1, -1
		for i := range tuple.Len() {
			switch t := tuple.At(i).Type(); {
			case recognize.IsContextType(t):
				ctxAt = i
			case recognize.IsCancelFunc(t):
				cancelAt = i
			}
		}
		if ctxAt < 0 || cancelAt < 0 || recognize.SubjectOf(info, as.Lhs[ctxAt]) != ctx {
			return true
		}
		if id, ok := as.Lhs[cancelAt].(*ast.Ident); ok && id.Name != "_" {
			if obj := info.ObjectOf(id); obj != nil && e.resolvesTo(id.Name, pos, obj) {
				name = id.Name
			}
		}
		return true
	})
	return name, name != ""
}

// freeName returns the first of names that is free at every position.
func freeName(e *edit, at []token.Pos, names ...string) string {
	for _, name := range names {
		free := true
		for _, pos := range at {
			if scope := e.fx.pass.Pkg.Scope().Innermost(pos); scope != nil {
				if _, obj := scope.LookupParent(name, pos); obj != nil {
					free = false
				}
			}
		}
		if free {
			return name
		}
	}
	return ""
}

// receivesWork reports whether a task of the group receives from a channel
// other than a context's Done(): a worker fed through a channel.
func receivesWork(info *types.Info, g *await.TaskGroup) bool {
	found := false
	for _, t := range taskBodies(g) {
		ast.Inspect(t.body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.UnaryExpr:
				if n.Op == token.ARROW && recognize.ContextMethodCall(info, n.X, "Done") == nil && recognize.ContextMethodCall(info, t.bound.Value(info, n.X), "Done") == nil {
					found = true
				}
			case *ast.RangeStmt:
				if t := info.TypeOf(n.X); t != nil && isChanType(t) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// takesCause reports whether the cancel function named name at pos takes
// an argument: a context.CancelCauseFunc.
func takesCause(pkg *types.Package, name string, pos token.Pos) bool {
	scope := pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	if obj == nil {
		return false
	}
	sig, ok := obj.Type().Underlying().(*types.Signature)
	return ok && sig.Params().Len() == 1
}

// endWithCancel reports whether cancelling their context ends the
// group's tasks: each is a body seen here that hands a context to some
// call (its work runs under it: io.Copy of a body fetched with it ends
// with it too), and calls nothing that by convention runs until stopped
// some other way — a server's Serve or ListenAndServe, an Accept, a Run
// or Wait handed no context.
func endWithCancel(info *types.Info, g *await.TaskGroup) bool {
	bodies := taskBodies(g)
	if len(bodies) == 0 {
		return false
	}
	for _, t := range bodies {
		handed, blocks := false, false
		ast.Inspect(t.body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return !blocks
			}
			if forwardsTo(info, g, call) {
				handed = true // return up.put(): put's body is a task body of its own
				return true
			}
			withCtx := false
			for _, arg := range call.Args {
				if recognize.IsContextType(info.TypeOf(arg)) {
					withCtx = true
				}
			}
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && recognize.ContextMethodCall(info, call, "Done") != nil || ok && sel.Sel.Name == "Done" && recognize.IsContextType(info.TypeOf(sel.X)) {
				withCtx = true // <-ctx.Done()
			}
			handed = handed || withCtx
			if fn := recognize.CalleeFunc(info, call); fn != nil && !withCtx && runsUntilStopped(fn) {
				blocks = true
			}
			return !blocks
		})
		if !handed || blocks {
			return false
		}
	}
	return true
}

// runsUntilStopped reports whether fn, called with no context, is by
// convention a call that returns only when stopped some other way.
func runsUntilStopped(fn *types.Func) bool {
	name := fn.Name()
	return strings.HasPrefix(name, "Serve") || strings.HasPrefix(name, "ListenAndServe") ||
		name == "Accept" || name == "Run" || name == "Wait" || name == "Listen"
}

// neverWaits lists standard packages whose functions compute and return:
// a task that calls only these, and what it hands a context, ends.
var neverWaits = map[string]bool{
	"errors": true, "fmt": true, "strings": true, "strconv": true, "bytes": true,
	"sort": true, "slices": true, "maps": true, "math": true, "unicode/utf8": true,
	"path": true, "sync/atomic": true, "context": true,
}

// endWithTheirContexts reports whether the group's tasks are seen to end:
// each is a literal whose every call is handed a context (or is a builtin,
// a conversion, or a method of the group itself), so the work it waits on
// ends with the contexts it was given, or does not wait at all.
func endWithTheirContexts(info *types.Info, g *await.TaskGroup) bool {
	bodies := taskBodies(g)
	if len(bodies) == 0 {
		return false // tasks started by name: their bodies are not seen here
	}
	for _, t := range bodies {
		ok := true
		ast.Inspect(t.body, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if _, isLit := n.(*ast.FuncLit); isLit || !ok {
				return false
			}
			if _, isDefer := n.(*ast.DeferStmt); isDefer {
				return false // defer free(): runs once the work is over
			}
			if !isCall {
				return true
			}
			if tv, found := info.Types[call.Fun]; found && tv.IsType() {
				return true // a conversion
			}
			if id, isID := ast.Unparen(call.Fun).(*ast.Ident); isID {
				if _, builtin := info.Uses[id].(*types.Builtin); builtin {
					return true
				}
			}
			if sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel && types.ExprString(sel.X) == g.Name {
				return true // wg.Done(), g's own methods
			}
			if forwardsTo(info, g, call) {
				return true // up.put() of func() error { return up.put() }: its body is a task body of its own
			}
			if fn := recognize.CalleeFunc(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "sync" && (fn.Name() == "Done" || fn.Name() == "Add") {
				return true // another WaitGroup's Done: started.Done()
			}
			if fn := recognize.CalleeFunc(info, call); fn != nil && fn.Pkg() != nil && neverWaits[fn.Pkg().Path()] {
				return true // errors.Is, fmt.Errorf: computes, never waits
			}
			if ownership.LogsOrMeasures(info, call) {
				return true // fs.Debugf(…): a log line
			}
			for _, arg := range call.Args {
				if recognize.IsContextType(info.TypeOf(arg)) {
					return true
				}
			}
			ok = false
			return false
		})
		if !ok {
			return false
		}
	}
	return true
}

// forwardsTo reports whether call calls a method that g's tasks forward
// to, whose body is then seen as one of g's task bodies.
func forwardsTo(info *types.Info, g *await.TaskGroup, call *ast.CallExpr) bool {
	fn := recognize.CalleeFunc(info, call)
	for _, m := range g.Methods {
		if m.Forwarded && fn != nil && info.Defs[m.Decl.Name] == fn {
			return true
		}
	}
	return false
}

// derivedContext is a context derived for a group's tasks: the edits that
// make it and hand it to them, and the name of its cancel.
type derivedContext struct {
	edits  []analysis.TextEdit
	cancel string
}

// deriveTasksContext derives a cancellable context from ctx right before
// the group is made and renames ctx to it inside the group's task
// literals, when every task is a literal of the function and ctx is a
// variable none of them assigns.
func deriveTasksContext(e *edit, g *await.TaskGroup, ctx types.Object, at token.Pos, imports *importPlan) (derivedContext, bool) {
	info := e.fx.info
	v, ok := ctx.(*types.Var)
	if !ok || len(g.Tasks)+len(g.Methods) == 0 || v.Pos() > g.Created.Pos() || !e.resolvesTo(v.Name(), g.Created.Pos(), v) {
		return derivedContext{}, false
	}
	var uses []*ast.Ident
	for _, m := range g.Methods {
		// g.Go(task{ctx: ctx}.run): the value the launch gives the field.
		for _, val := range m.Bound.Fields {
			if id, ok := ast.Unparen(val).(*ast.Ident); ok && info.Uses[id] == v {
				if id.Pos() < g.Created.Pos() {
					return derivedContext{}, false // the receiver is built before the group
				}
				uses = append(uses, id)
			}
		}
	}
	for _, lit := range g.Tasks {
		if assigned(info, lit.Body, v) {
			return derivedContext{}, false
		}
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
				uses = append(uses, id)
			}
			return true
		})
	}
	if len(uses) == 0 {
		return derivedContext{}, false
	}
	slices.SortFunc(uses, func(a, b *ast.Ident) int { return cmp.Compare(a.Pos(), b.Pos()) })
	uses = slices.CompactFunc(uses, func(a, b *ast.Ident) bool { return a == b })
	ctxName := freeName(e, []token.Pos{g.Created.Pos(), at}, "tasksCtx", "tasksCtx2")
	cancelName := freeName(e, []token.Pos{g.Created.Pos(), at}, "cancel", "cancelTasks")
	if ctxName == "" || cancelName == "" {
		return derivedContext{}, false
	}
	for _, id := range uses {
		if !freeAt(e, ctxName, id.Pos()) {
			return derivedContext{}, false
		}
	}
	ind := e.indent(g.Created.Pos())
	q := imports.qualifier(recognize.ContextPath, g.Created.Pos())
	d := derivedContext{cancel: cancelName}
	d.edits = append(d.edits, analysis.TextEdit{Pos: g.Created.Pos(), End: g.Created.Pos(), NewText: []byte(
		ctxName + ", " + cancelName + " := " + q + "WithCancel(" + v.Name() + ")\n" +
			ind + "defer " + cancelName + "()\n" + ind)})
	for _, id := range uses {
		d.edits = append(d.edits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(ctxName)})
	}
	return d, true
}

// freeAt reports whether name denotes nothing at pos.
func freeAt(e *edit, name string, pos token.Pos) bool {
	scope := e.fx.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	return obj == nil
}

// blockingSend returns the name of a channel that one of the group's tasks
// sends on outside a select that could give up (a default case, or a
// receive from a context's Done), unless the function made it with a
// buffer sized at run time (make(chan error, len(items))), or "".
func blockingSend(info *types.Info, body *ast.BlockStmt, g *await.TaskGroup) string {
	name := ""
	for _, t := range taskBodies(g) {
		ast.PreorderStack(t.body, nil, func(n ast.Node, stack []ast.Node) bool {
			s, ok := n.(*ast.SendStmt)
			if !ok || name != "" {
				return name == ""
			}
			if len(stack) >= 3 {
				if cc, ok := stack[len(stack)-1].(*ast.CommClause); ok && cc.Comm == s {
					if sel, ok := stack[len(stack)-3].(*ast.SelectStmt); ok && canGiveUp(info, sel) {
						return true
					}
				}
			}
			ch := ast.Unparen(s.Chan)
			if v := t.bound.Value(info, ch); v != nil {
				ch = ast.Unparen(v)
			}
			if !sizedAtRunTime(info, body, ch) {
				name = types.ExprString(ch)
			}
			return true
		})
	}
	return name
}

// canGiveUp reports whether a select has a default case or one that
// receives from a context's Done().
func canGiveUp(info *types.Info, sel *ast.SelectStmt) bool {
	for _, c := range sel.Body.List {
		cc := c.(*ast.CommClause)
		if cc.Comm == nil {
			return true
		}
		if u, ok := ast.Unparen(recognize.CommRecv(cc.Comm)).(*ast.UnaryExpr); ok && u.Op == token.ARROW && recognize.ContextMethodCall(info, u.X, "Done") != nil {
			return true
		}
	}
	return false
}

// sizedAtRunTime reports whether ch is a local variable of body made once
// by make with a capacity that is not a constant.
func sizedAtRunTime(info *types.Info, body *ast.BlockStmt, ch ast.Expr) bool {
	runtimeMake := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if b, isB := info.Uses[recognize.IdentOf(callFun(call))].(*types.Builtin); ok && isB && b.Name() == "make" && len(call.Args) == 2 {
			tv, found := info.Types[call.Args[1]]
			return found && tv.Value == nil
		}
		return false
	}
	if sel, ok := ch.(*ast.SelectorExpr); ok {
		// u.errs of u := &state{errs: make(chan error, n)}, never assigned.
		f := info.Uses[sel.Sel]
		made, assigned := false, false
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && info.Uses[k] == f && runtimeMake(n.Value) {
					made = true
				}
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					if s, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && info.Uses[s.Sel] == f {
						assigned = true
					}
				}
			}
			return true
		})
		return made && !assigned
	}
	id, ok := ch.(*ast.Ident)
	if !ok {
		return false
	}
	v := info.Uses[id]
	made, other := false, false
	give := func(lhs *ast.Ident, value ast.Expr) {
		if info.ObjectOf(lhs) != v {
			return
		}
		if value != nil && runtimeMake(value) {
			made = true
		} else {
			other = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if lid, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					var value ast.Expr
					if len(n.Lhs) == len(n.Rhs) {
						value = n.Rhs[i]
					}
					give(lid, value)
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if len(n.Values) == len(n.Names) {
					give(name, n.Values[i])
				} else if info.ObjectOf(name) == v && len(n.Values) > 0 {
					other = true
				}
			}
		}
		return true
	})
	return made && !other
}

// callFun returns the function expression of call, or nil.
func callFun(call *ast.CallExpr) ast.Expr {
	if call == nil {
		return nil
	}
	return call.Fun
}

// isChanType reports whether t is a channel type.
func isChanType(t types.Type) bool {
	_, ok := types.Unalias(t).Underlying().(*types.Chan)
	return ok
}

// bufferFix gives the unbuffered channel of a goroutine that would block
// forever a buffer of one, so that its one send completes with nobody
// receiving (gval#107's fix).
func (fx *Fixer) bufferFix(f *await.WaitFinding) (*WaitFix, string) {
	if !f.Stuck {
		return nil, "how many results to receive is the author's choice"
	}
	mk := f.Group.BufferFix(fx.info)
	switch {
	case mk == nil && f.Leak.Fanned():
		return nil, "how many results to receive or make room for is the author's choice"
	case mk == nil:
		return nil, "the goroutine may send more than once, or on another channel too"
	}
	if _, _, _, why := fx.editable(mk.Pos()); why != "" {
		return nil, why
	}
	edit := analysis.TextEdit{Pos: mk.Rparen, End: mk.Rparen, NewText: []byte(", 1")}
	if len(mk.Args) == 2 {
		edit = analysis.TextEdit{Pos: mk.Args[1].Pos(), End: mk.Args[1].End(), NewText: []byte("1")}
	}
	return &WaitFix{Fix: analysis.SuggestedFix{
		Message:   "Buffer " + f.Group.Name + " for the goroutine's result",
		TextEdits: []analysis.TextEdit{edit},
	}}, ""
}
