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
	"slices"
	"sort"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// GroupFinder finds task groups with the options of one analyzer.
type GroupFinder struct {
	IsLauncher func(*types.Func) bool       // whether a function starts its function arguments as tasks
	IsReceiver func(path, name string) bool // whether a launcher is a method of the named type path.name
	Strict     bool                         // every leak, not only the default mode's
	// Origin gives the single value of a local variable, and
	// FieldAssigned tells a field some code assigns: with them a method
	// value started on a value built at the launch (g.Go(task{ctx:
	// gctx}.run)) is a task whose body is seen, as a literal's is. Either
	// may be nil.
	Origin        func(*ast.Ident) ast.Expr
	FieldAssigned func(*types.Var) bool
	// Constructors are the functions whose error is certainly non-nil: a
	// return of one reports a failure.
	Constructors *recognize.Constructors

	files      []*ast.File
	decls      *recognize.Decls
	fieldSends map[types.Object]bool // channel fields only failures are sent on, by need
}

// MethodTask is a method started as a method value on a receiver built at
// the launch: its body, and its receiver's fields bound to the launch's
// values.
type MethodTask struct {
	Decl      *ast.FuncDecl
	Bound     *recognize.Bound
	Forwarded bool // called by a task literal that only forwards to it
}

// methodTask returns the task a launcher's argument starts when it is a
// method value on a value built there, or nil.
func (gf *GroupFinder) methodTask(info *types.Info, arg ast.Expr) *MethodTask {
	sel, ok := ast.Unparen(arg).(*ast.SelectorExpr)
	if !ok || gf.Origin == nil || gf.FieldAssigned == nil || info.Selections[sel] == nil || info.Selections[sel].Kind() != types.MethodVal {
		return nil
	}
	fn, _ := info.Uses[sel.Sel].(*types.Func)
	if fn == nil {
		return nil
	}
	decl := gf.decls.Of(fn.Origin())
	if decl == nil || decl.Recv == nil {
		return nil
	}
	b := recognize.BindReceiver(info, decl, sel.X, gf.Origin, gf.FieldAssigned)
	if b == nil {
		return nil
	}
	return &MethodTask{Decl: decl, Bound: b}
}

// TaskGroup is a group of tasks one function creates.
type TaskGroup struct {
	Obj         *types.Var    // the variable holding it, or the struct variable whose field does
	Name        string        // how the function names it: g, or s.g
	Created     ast.Node      // the statement that creates it
	Ctx         types.Object  // the context errgroup.WithContext derived for the tasks, or nil
	ParentCtx   ast.Expr      // the context errgroup.WithContext derived it from
	Channel     bool          // a result channel: a receive awaits one task
	made        *ast.CallExpr // the make call of a result channel
	capacity    int           // its buffer's constant size, or -1
	siblings    []*types.Var  // the other channels its one goroutine alone reports on
	Starts      []token.Pos
	fanOut      map[token.Pos]bool     // starts in a loop or in a walker's callback
	waits       []token.Pos            // Wait calls (or receives) in the function itself
	deferred    []token.Pos            // defer statements that wait
	Tasks       []*ast.FuncLit         // the literals started on it
	Methods     []*MethodTask          // the method values started on it on receivers built there
	waiters     []types.Object         // channels a waiter goroutine closes once Wait returns
	collects    map[token.Pos]ast.Stmt // waits that are receives in a loop, by loop head: done when the loop is
	partial     map[token.Pos]bool     // receives in a loop that counts nothing: one result each
	escapes     bool
	waitResults int                            // how many results its Wait method returns
	heldGo      map[*ast.FuncLit][]goStart     // literals held in a variable and started by go v(…)
	held        map[*types.Var]*ast.FuncLit    // variables given one literal
	passed      map[*ast.FuncLit]*ast.CallExpr // literals held in a variable whose one use is an argument of this call
}

// asVar returns obj as a variable, or nil.
func asVar(obj types.Object) *types.Var {
	v, _ := obj.(*types.Var)
	return v
}

// goStart is a go statement, and whether it runs in a loop.
type goStart struct {
	stmt *ast.GoStmt
	loop bool
}

// heldGoLiterals returns the literals that body assigns to a local variable
// whose every use starts it with a go statement: stop := func(s *S) {
// defer wg.Done(); … }; for … { go stop(s) }.
func heldGoLiterals(info *types.Info, body *ast.BlockStmt) (map[*ast.FuncLit][]goStart, map[*types.Var]*ast.FuncLit, map[*ast.FuncLit]*ast.CallExpr) {
	held := make(map[*types.Var]*ast.FuncLit)
	uses := make(map[*types.Var]int)
	starts := make(map[*types.Var][]goStart)
	targets := make(map[*ast.Ident]bool)           // stop in stop = func…: not a use
	passedTo := make(map[*types.Var]*ast.CallExpr) // visit := func…; walk(visit), in the function itself
	hold := func(lhs, rhs ast.Expr) {
		lit, ok := ast.Unparen(rhs).(*ast.FuncLit)
		if !ok {
			return
		}
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok {
				targets[id] = true
				if held[v] != nil {
					held[v] = nil // assigned twice: which one runs?
					uses[v] = -1
				} else if uses[v] == 0 {
					held[v] = lit
				}
			}
		}
	}
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			// stop := func(…) {…}, or stop = …
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
				hold(n.Lhs[0], n.Rhs[0])
			}
		case *ast.ValueSpec:
			// var stop = func(…) {…}
			if len(n.Names) == 1 && len(n.Values) == 1 {
				hold(n.Names[0], n.Values[0])
			}
		case *ast.GoStmt:
			if id, ok := ast.Unparen(n.Call.Fun).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok {
					starts[v] = append(starts[v], goStart{n, inLoop(stack)})
				}
			}
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && uses[v] >= 0 && !targets[n] {
				uses[v]++
				stack := recognize.WithoutParens(stack)
				if call, ok := stack[len(stack)-1].(*ast.CallExpr); ok && ast.Unparen(call.Fun) != n && !inNestedLit(stack) {
					passedTo[v] = call
				}
			}
		}
		return true
	})
	out := make(map[*ast.FuncLit][]goStart)
	once := make(map[*types.Var]*ast.FuncLit)
	passed := make(map[*ast.FuncLit]*ast.CallExpr)
	for v, lit := range held {
		if lit == nil {
			continue
		}
		once[v] = lit
		if uses[v] > 0 && uses[v] == len(starts[v]) {
			out[lit] = starts[v]
		}
		if uses[v] == 1 && passedTo[v] != nil {
			passed[lit] = passedTo[v]
		}
	}
	return out, once, passed
}

// groupKey is where a group is held: a local variable, or a field of a
// local struct variable (var s struct{ g errgroup.Group }; s.g.Go(…)).
// Groups are known by these objects, however the code declared or
// assigned them.
type groupKey struct {
	root  *types.Var
	field *types.Var // nil: the variable itself
}

// assignment is one value a group's variable or field is given: value is
// nil for the zero value of a declaration (var g errgroup.Group), and index
// is the result of a call that value is (g, ctx := errgroup.WithContext(…)).
type assignment struct {
	stmt  ast.Node
	lhs   ast.Expr // the variable or field assigned
	value ast.Expr
	index int
	ctx   ast.Expr // the left-hand side receiving errgroup.WithContext's context
}

// groupsOf returns the groups fn's body creates, with their uses.
func (gf *GroupFinder) groupsOf(info *types.Info, fn ast.Node, body *ast.BlockStmt) []*TaskGroup {
	assigns := gf.groupAssignments(info, body)
	if len(assigns) == 0 {
		return nil
	}
	byKey := make(map[groupKey]*TaskGroup)
	var order []*TaskGroup
	targets := make(map[ast.Node]bool) // g in g = new(errgroup.Group): a creation, not a use
	for key, as := range assigns {
		for _, a := range as {
			targets[ast.Unparen(a.lhs)] = true
		}
		if g := gf.created(info, key, as); g != nil {
			byKey[key] = g
			order = append(order, g)
		}
	}
	if len(order) == 0 {
		return nil
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.Created.Pos() != b.Created.Pos() {
			return a.Created.Pos() < b.Created.Pos()
		}
		return a.Name < b.Name // var ( g1, g2 errgroup.Group )
	})
	roots := make(map[*types.Var][]*TaskGroup) // groups held in fields of a local struct
	for key, g := range byKey {
		if key.field != nil {
			roots[key.root] = append(roots[key.root], g)
		}
	}

	heldGo, held, passed := heldGoLiterals(info, body)
	for _, g := range order {
		g.heldGo, g.held, g.passed = heldGo, held, passed
	}
	// Uses, anywhere in the body, nested literals included.
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		stack = recognize.WithoutParens(stack) // walk((func(…) error {…}))
		v, ok := info.Uses[id].(*types.Var)
		if !ok || targets[id] {
			return true
		}
		if g := byKey[groupKey{root: v}]; g != nil {
			gf.use(info, g, id, stack)
		}
		if held := roots[v]; held != nil {
			// s.g: a use of the group in field g; any other use of s
			// (passed, stored, a method called on it) may reach them all.
			ref, rest := fieldRef(info, id, stack)
			switch {
			case ref == nil && gf.methodWorker(info, id, stack, v, byKey, held):
				// go w.doWork(): a worker sending on w's channels
			case ref == nil:
				for _, g := range held {
					g.escapes = true
				}
			case targets[rest[len(rest)-1]]:
				// s.g = new(errgroup.Group): a creation, not a use
			case byKey[groupKey{v, ref}] != nil:
				gf.use(info, byKey[groupKey{v, ref}], rest[len(rest)-1].(*ast.SelectorExpr), rest[:len(rest)-1])
			}
		}
		return true
	})
	// A receive from a waiter goroutine's channel waits for its group.
	for _, g := range order {
		if len(g.waiters) > 0 {
			gf.waiterWaits(info, g, body)
		}
	}
	// A receive on another channel only a channel's one goroutine sends
	// on (its result, beside its error) awaits that goroutine too.
	for _, g := range order {
		if g.Channel && len(g.Tasks) == 1 && len(g.Starts) == 1 {
			g.siblingWaits(info, body)
		}
	}
	// A literal that only forwards to a method on a value built here
	// (func() error { return up.put() }) runs that method's body.
	for _, g := range order {
		for _, lit := range g.Tasks {
			call := recognize.Forwarder(info, lit.Type, lit.Body)
			if call == nil {
				continue
			}
			if m := gf.methodTask(info, call.Fun); m != nil {
				m.Forwarded = true
				g.Methods = append(g.Methods, m)
			}
		}
	}
	// A channel's goroutines that a group's Wait also waits for (each
	// calls wg.Done) are done when it returns: that Wait awaits the
	// channel's tasks too, whatever the goroutines sent.
	for _, ch := range order {
		if !ch.Channel || len(ch.Tasks) == 0 {
			continue
		}
		for _, g := range order {
			if g.Channel || !containsAll(g.Tasks, ch.Tasks) {
				continue
			}
			ch.waits = append(ch.waits, g.waits...)
			ch.deferred = append(ch.deferred, g.deferred...)
		}
	}
	var out []*TaskGroup
	for _, g := range order {
		if len(g.Starts) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// containsAll reports whether every literal of sub is in list.
func containsAll(list, sub []*ast.FuncLit) bool {
	for _, l := range sub {
		if !containsLit(list, l) {
			return false
		}
	}
	return true
}

// fieldRef returns the field that the use id of a struct variable selects
// (s.g, (&s).g, (*p).g), and the stack down to that selector; nil when the
// use selects no field: the variable itself is used.
func fieldRef(info *types.Info, id *ast.Ident, stack []ast.Node) (*types.Var, []ast.Node) {
	i := len(stack) - 1
	var inner ast.Node = id
	for ; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
		case *ast.StarExpr:
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return nil, nil
			}
		case *ast.SelectorExpr:
			if ast.Unparen(p.X) != inner {
				return nil, nil
			}
			sel, ok := info.Selections[p]
			if !ok || sel.Kind() != types.FieldVal || len(sel.Index()) != 1 {
				return nil, nil
			}
			f, _ := sel.Obj().(*types.Var)
			return f, stack[:i+1]
		default:
			return nil, nil
		}
		inner = stack[i]
	}
	return nil, nil
}

// groupAssignments returns every value given, in the function itself (not
// in nested literals), to a local variable of a group type or to a group
// field of a local struct variable: by :=, =, var declarations and blocks,
// tuple results included.
func (gf *GroupFinder) groupAssignments(info *types.Info, body *ast.BlockStmt) map[groupKey][]assignment {
	out := make(map[groupKey][]assignment)
	local := func(v *types.Var) bool {
		return v != nil && !v.IsField() && body.Pos() <= v.Pos() && v.Pos() < body.End()
	}
	// record notes the value of lhs (an identifier or s.f), the
	// index-th result of value (a call with several results) or value
	// itself (index -1).
	record := func(stmt ast.Node, lhs ast.Expr, value ast.Expr, index int, ctx ast.Expr) {
		switch l := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			v, _ := info.ObjectOf(l).(*types.Var)
			if !local(v) {
				return
			}
			if gf.isGroupType(v.Type()) {
				out[groupKey{root: v}] = append(out[groupKey{root: v}], assignment{stmt, lhs, value, index, ctx})
			}
			// A struct variable: its group fields are made with it.
			_, isPtr := types.Unalias(v.Type()).Underlying().(*types.Pointer)
			if isPtr && (value == nil || isNil(info, value)) {
				return // var u *upload: nil until made
			}
			for _, f := range gf.groupFields(v.Type()) {
				fv := fieldValue(info, value, f)
				if fv == nil && value != nil && !isCompositeOf(value) {
					fv = value // a copy of another struct: not made here
				}
				k := groupKey{v, f}
				out[k] = append(out[k], assignment{stmt: stmt, lhs: lhs, value: fv, index: -1})
			}
		case *ast.SelectorExpr:
			ref, _ := ast.Unparen(l.X).(*ast.Ident)
			v, _ := info.ObjectOf(ref).(*types.Var)
			sel, ok := info.Selections[l]
			if !local(v) || !ok || sel.Kind() != types.FieldVal || len(sel.Index()) != 1 {
				return
			}
			f, _ := sel.Obj().(*types.Var)
			if f != nil && gf.isGroupType(f.Type()) && !recognize.IsErrorChan(f.Type()) {
				k := groupKey{v, f}
				out[k] = append(out[k], assignment{stmt, lhs, value, index, ctx})
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ValueSpec:
			for i, name := range n.Names {
				switch {
				case len(n.Values) == 0:
					record(n, name, nil, -1, nil)
				case len(n.Values) == len(n.Names):
					record(n, name, n.Values[i], -1, nil)
				case len(n.Values) == 1:
					record(n, name, n.Values[0], i, tupleCtx(n.Names, i))
				}
			}
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
				return true
			}
			for i, lhs := range n.Lhs {
				switch {
				case len(n.Lhs) == len(n.Rhs):
					record(n, lhs, n.Rhs[i], -1, nil)
				case len(n.Rhs) == 1:
					record(n, lhs, n.Rhs[0], i, tupleCtx(n.Lhs, i))
				}
			}
		case *ast.RangeStmt:
			record(n, n.Key, n.Key, -1, nil) // neither is made here
			if n.Value != nil {
				record(n, n.Value, n.Value, -1, nil)
			}
		}
		return true
	})
	// A declaration inside a statement runs where the statement does.
	for k, as := range out {
		for i, a := range as {
			if vs, ok := a.stmt.(*ast.ValueSpec); ok {
				as[i].stmt = declStmtOf(body, vs)
			}
		}
		out[k] = as
	}
	return out
}

// tupleCtx returns the left-hand side that receives the context of
// g, ctx := errgroup.WithContext(…), when i is the group's index.
func tupleCtx[E ast.Expr](lhs []E, i int) ast.Expr {
	if i == 0 && len(lhs) == 2 {
		return lhs[1]
	}
	return nil
}

// declStmtOf returns the declaration statement in body holding spec.
func declStmtOf(body *ast.BlockStmt, spec *ast.ValueSpec) ast.Node {
	var found ast.Node = spec
	ast.Inspect(body, func(n ast.Node) bool {
		if d, ok := n.(*ast.DeclStmt); ok && d.Pos() <= spec.Pos() && spec.End() <= d.End() {
			found = d
			return false
		}
		return found == spec
	})
	return found
}

// created returns the group held at key if the function makes it: every
// value given there is a new group (or the zero value of a group held by
// value, or a nil pointer before one is made), and at least one is.
func (gf *GroupFinder) created(info *types.Info, key groupKey, as []assignment) *TaskGroup {
	t := key.root.Type()
	name := key.root.Name()
	if key.field != nil {
		t, name = key.field.Type(), key.root.Name()+"."+key.field.Name()
	}
	_, isPtr := types.Unalias(t).Underlying().(*types.Pointer)
	var made *assignment
	for i := range as {
		a := &as[i]
		switch {
		case a.value == nil && (isPtr || recognize.IsErrorChan(t)):
			// var g *errgroup.Group: nil until made below.
		case a.value == nil:
			if made == nil {
				made = a
			}
		case isNil(info, a.value):
		case a.index <= 0 && gf.makesGroup(info, a.value, t):
			if made == nil {
				made = a
			}
		default:
			return nil // given a group made elsewhere: someone else may wait
		}
	}
	if made == nil {
		return nil
	}
	g := &TaskGroup{Obj: key.root, Name: name, Created: made.stmt, fanOut: make(map[token.Pos]bool), collects: make(map[token.Pos]ast.Stmt), partial: make(map[token.Pos]bool)}
	if wait := gf.groupWait(t); wait != nil {
		g.waitResults = wait.Signature().Results().Len()
	}
	g.Channel = recognize.IsErrorChan(t) && made.value != nil
	if g.Channel {
		g.made, g.capacity = chanMake(info, made.value)
	}
	if call, ok := ast.Unparen(made.value).(*ast.CallExpr); ok && made.ctx != nil && len(call.Args) == 1 &&
		recognize.IsFunc(recognize.CalleeFunc(info, call), "golang.org/x/sync/errgroup", "WithContext") {
		if cid, ok := ast.Unparen(made.ctx).(*ast.Ident); ok && cid.Name != "_" {
			g.Ctx = info.ObjectOf(cid)
		}
		g.ParentCtx = call.Args[0]
	}
	return g
}

// groupFields returns the fields of a struct type, or of the struct a
// pointer type points to, that hold groups by value.
func (gf *GroupFinder) groupFields(t types.Type) []*types.Var {
	if ptr, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		t = ptr.Elem()
	}
	st, ok := types.Unalias(t).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var out []*types.Var
	for i := range st.NumFields() {
		f := st.Field(i)
		if _, isPtr := types.Unalias(f.Type()).Underlying().(*types.Pointer); !isPtr && gf.isGroupType(f.Type()) {
			out = append(out, f)
		}
	}
	return out
}

// fieldValue returns the value a composite literal gives field f, or nil.
func fieldValue(info *types.Info, e ast.Expr, f *types.Var) ast.Expr {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if u, isAddr := ast.Unparen(e).(*ast.UnaryExpr); isAddr && u.Op == token.AND {
		lit, ok = ast.Unparen(u.X).(*ast.CompositeLit)
	}
	if !ok {
		return nil
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && info.ObjectOf(id) == f {
				return kv.Value
			}
		}
	}
	return nil
}

// isCompositeOf reports whether e is a composite literal or its address.
func isCompositeOf(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && ok
	}
	return false
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// use records what one reference to a group does.
func (gf *GroupFinder) use(info *types.Info, g *TaskGroup, id ast.Expr, stack []ast.Node) {
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
	if !ok || ast.Unparen(call.Fun) != sel {
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
				} else if id, ok := ast.Unparen(arg).(*ast.Ident); ok && g.held[asVar(info.Uses[id])] != nil {
					g.Tasks = append(g.Tasks, g.held[asVar(info.Uses[id])]) // task := func() error {…}; g.Go(task)
				} else if m := gf.methodTask(info, arg); m != nil {
					g.Methods = append(g.Methods, m) // g.Go(task{ctx: gctx}.run)
				}
			}
			return
		}
		// Started from a nested literal: a walker's callback run in
		// place starts them on the function's behalf; a task that starts
		// more tasks leaves them to the same Wait.
		switch gf.litRole(info, g, stack[:litAt+1]) {
		case roleInPlace:
			at := stack[outermostLitIndex(stack[:i-1])-1].Pos()
			if call := g.passed[stack[outermostLitIndex(stack[:i-1])].(*ast.FuncLit)]; call != nil {
				at = call.Pos() // visit := func…; walk(visit): it runs where it is passed
			}
			g.Starts = append(g.Starts, at)
			g.fanOut[at] = true
			for _, arg := range call.Args {
				l, ok := ast.Unparen(arg).(*ast.FuncLit)
				if id, isID := ast.Unparen(arg).(*ast.Ident); isID {
					l, ok = g.held[asVar(info.Uses[id])], g.held[asVar(info.Uses[id])] != nil
				}
				if ok && !containsLit(g.Tasks, l) {
					g.Tasks = append(g.Tasks, l) // walk(func(p) { wg.Go(func() {…}) })
				} else if m := gf.methodTask(info, arg); m != nil {
					g.Methods = append(g.Methods, m) // walk(func(p) { wg.Go(task{p: p}.run) })
				}
			}
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
		if ch := waiterChan(info, stack[:i-1], call); ch != nil {
			g.waiters = append(g.waiters, ch) // go func() { wg.Wait(); close(done) }()
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
func (gf *GroupFinder) chanUse(info *types.Info, g *TaskGroup, id ast.Expr, stack []ast.Node) {
	if len(stack) == 0 {
		g.escapes = true
		return
	}
	lit, litAt := innermostLitAt(stack)
	switch parent := stack[len(stack)-1].(type) {
	case *ast.SendStmt:
		if ast.Unparen(parent.Chan) != id {
			g.escapes = true // the channel itself is sent
			return
		}
		if lit == nil {
			return // the function reports on its own channel
		}
		// A send from a literal the task defers or calls in place (a
		// recover handler reporting the panic) is the task's own.
		lit, litAt = runInPlace(stack, lit, litAt)
		goAt := litAt - 2
		if goAt < 0 || inNestedLit(stack[:goAt]) {
			g.escapes = true
			return
		}
		gs, ok := stack[goAt].(*ast.GoStmt)
		if !ok || ast.Unparen(gs.Call.Fun) != lit {
			g.escapes = true
			return
		}
		if !containsPos(g.Starts, gs.Pos()) {
			g.Starts = append(g.Starts, gs.Pos())
			g.Tasks = append(g.Tasks, lit)
		}
		if inLoop(stack[:goAt]) && !madeEachTime(stack[:goAt], g) {
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
		at := loopHead(stack, parent.Pos())
		switch {
		case madeEachTime(stack, g):
			at = parent.Pos() // the loop's own channel: its one result
		case at == parent.Pos() && enclosingLoop(stack) != nil:
			g.partial[at] = true // for { select { case err := <-errc: … } }: one result of many
		}
		g.waits = append(g.waits, at)
		if loop := enclosingLoop(stack); loop != nil && at != parent.Pos() {
			g.collects[at] = loop // it has received them all once the loop is done
		}
	case *ast.RangeStmt:
		if ast.Unparen(parent.X) != id || lit != nil {
			g.escapes = true
			return
		}
		g.waits = append(g.waits, parent.X.Pos())
	case *ast.CallExpr:
		if b, ok := info.Uses[calleeIdent(parent)].(*types.Builtin); ok && (b.Name() == "close" || b.Name() == "len" || b.Name() == "cap") {
			return
		}
		// go worker(ctx, jobs, errc): a declared function started here
		// that reports on the channel it is handed.
		if len(stack) >= 2 && lit == nil {
			if gs, ok := stack[len(stack)-2].(*ast.GoStmt); ok && gs.Call == parent && gf.sendsOnParam(info, parent, id) {
				if !containsPos(g.Starts, gs.Pos()) {
					g.Starts = append(g.Starts, gs.Pos())
				}
				if inLoop(stack[:len(stack)-2]) && !madeEachTime(stack[:len(stack)-2], g) {
					g.fanOut[gs.Pos()] = true
				}
				return
			}
		}
		g.escapes = true
	default:
		g.escapes = true
	}
}

// sendsOnParam reports whether call, of a function declared in the
// package, hands ch as an argument to a parameter that the function's body
// sends on and uses for nothing else.
func (gf *GroupFinder) sendsOnParam(info *types.Info, call *ast.CallExpr, ch ast.Expr) bool {
	fn := recognize.CalleeFunc(info, call)
	if fn == nil || call.Ellipsis.IsValid() {
		return false
	}
	decl := gf.decls.Of(fn)
	if decl == nil {
		return false
	}
	at := -1
	for i, arg := range call.Args {
		if ast.Unparen(arg) == ch {
			at = i
		}
	}
	var param types.Object
	i := 0
	for _, field := range decl.Type.Params.List {
		names := field.Names
		if len(names) == 0 {
			i++
			continue
		}
		for _, name := range names {
			if i == at {
				param = info.Defs[name]
			}
			i++
		}
	}
	if param == nil {
		return false
	}
	sends, other := 0, 0
	ast.PreorderStack(decl.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || info.Uses[id] != param {
			return true
		}
		if s, ok := stack[len(stack)-1].(*ast.SendStmt); ok && s.Chan == id {
			sends++
		} else {
			other++
		}
		return true
	})
	return sends > 0 && other == 0
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
	if call := g.passed[lit]; call != nil {
		// visit := func(…) {…}; walk(visit): as if passed in place.
		if gf.IsLauncher(recognize.CalleeFunc(info, call)) {
			return roleTask
		}
		if len(stack) >= 2 && inNestedLit(stack[:len(stack)-1]) {
			return roleOther
		}
		return roleInPlace
	}
	if len(stack) < 2 {
		return roleOther
	}
	call, ok := stack[len(stack)-2].(*ast.CallExpr)
	if !ok {
		return roleOther
	}
	if ast.Unparen(call.Fun) == lit {
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

// isRef reports whether x is the reference ref (g, or s.g), seen through
// parentheses and a dereference.
func isRef(x ast.Expr, ref ast.Expr) bool {
	x = ast.Unparen(x)
	if star, ok := x.(*ast.StarExpr); ok {
		return isRef(star.X, ref)
	}
	return x == ref
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

// runInPlace returns, for the literal lit at stack[litAt], the innermost
// literal around it that is not deferred or called in place by the next
// literal out: the function whose run the statements of lit are part of.
func runInPlace(stack []ast.Node, lit *ast.FuncLit, litAt int) (*ast.FuncLit, int) {
	for litAt >= 2 {
		call, ok := stack[litAt-1].(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != lit {
			break
		}
		switch stack[litAt-2].(type) {
		case *ast.DeferStmt, *ast.ExprStmt:
		default:
			return lit, litAt
		}
		outer, at := innermostLitAt(stack[:litAt-2])
		if outer == nil {
			break
		}
		lit, litAt = outer, at
	}
	return lit, litAt
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
	if !ok || ast.Unparen(call.Fun) != lit {
		return nil
	}
	d, _ := stack[i-2].(*ast.DeferStmt)
	if d != nil && inNestedLit(stack[:i-2]) {
		return nil
	}
	return d
}

// isGroupType reports whether t (or what it points to) launches tasks and
// waits for them; a channel of errors is one too (the default mode reports
// its leaks only where a goroutine blocks forever on it).
func (gf *GroupFinder) isGroupType(t types.Type) bool {
	return gf.groupWait(t) != nil || recognize.IsErrorChan(t)
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

// madeEachTime reports whether the channel group g is made anew in the
// innermost loop around the end of stack: each of its starts there is
// one task of its own channel, not a fan-out.
func madeEachTime(stack []ast.Node, g *TaskGroup) bool {
	loop := enclosingLoop(stack)
	return loop != nil && g.Channel && loop.Pos() < g.Created.Pos() && g.Created.End() <= loop.End()
}

// enclosingLoop returns the innermost loop of the function around the end
// of stack, or nil.
func enclosingLoop(stack []ast.Node) ast.Stmt {
	for i := len(stack) - 1; i >= 0; i-- {
		switch l := stack[i].(type) {
		case *ast.RangeStmt:
			return l
		case *ast.ForStmt:
			return l
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
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

// waiterChan returns the channel that the literal at the end of stack, a
// waiter goroutine, closes once the group's Wait there returns, or nil:
// go func() { wg.Wait(); close(done) }(), also with defer close(done).
func waiterChan(info *types.Info, stack []ast.Node, wait *ast.CallExpr) types.Object {
	lit, i := innermostLitAt(stack)
	if lit == nil || i < 2 || inNestedLit(stack[:i]) || len(lit.Body.List) != 2 {
		return nil
	}
	call, ok := stack[i-1].(*ast.CallExpr)
	if !ok || ast.Unparen(call.Fun) != lit {
		return nil
	}
	if _, ok := stack[i-2].(*ast.GoStmt); !ok {
		return nil
	}
	var closed *ast.CallExpr
	switch first, second := lit.Body.List[0], lit.Body.List[1]; {
	case isExprCall(first) && isExprCall(second): // wg.Wait(); close(done)
		if ast.Unparen(first.(*ast.ExprStmt).X) != wait {
			return nil
		}
		closed = second.(*ast.ExprStmt).X.(*ast.CallExpr)
	default:
		d, ok := first.(*ast.DeferStmt) // defer close(done); wg.Wait()
		if !ok || !isExprCall(second) || ast.Unparen(second.(*ast.ExprStmt).X) != wait {
			return nil
		}
		closed = d.Call
	}
	if b, ok := info.Uses[calleeIdent(closed)].(*types.Builtin); !ok || b.Name() != "close" || len(closed.Args) != 1 {
		return nil
	}
	id, ok := ast.Unparen(closed.Args[0]).(*ast.Ident)
	if !ok {
		return nil
	}
	return info.Uses[id]
}

// isExprCall reports whether s is a call statement.
func isExprCall(s ast.Stmt) bool {
	e, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	_, ok = ast.Unparen(e.X).(*ast.CallExpr)
	return ok
}

// waiterWaits records where body waits for g through its waiters'
// channels: a receive waits there; a range over one has received
// everything once the loop is done. Any other use of such a channel
// outside its waiter (returned, passed, selected on by a callee) hands the
// wait to someone else: the group escapes, as does one whose channel is
// never received from.
func (gf *GroupFinder) waiterWaits(info *types.Info, g *TaskGroup, body *ast.BlockStmt) {
	found := false
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || !slices.Contains(g.waiters, info.Uses[id]) {
			return true
		}
		stack = recognize.WithoutParens(stack)
		if lit, _ := innermostLitAt(stack); lit != nil {
			return true // the waiter's own close, or a goroutine that reads it
		}
		switch parent := stack[len(stack)-1].(type) {
		case *ast.UnaryExpr:
			if parent.Op == token.ARROW {
				g.waits = append(g.waits, parent.Pos())
				found = true
				return true
			}
		case *ast.RangeStmt:
			if ast.Unparen(parent.X) == id {
				g.waits = append(g.waits, id.Pos())
				g.collects[id.Pos()] = parent
				found = true
				return true
			}
		case *ast.AssignStmt:
			if recognize.AssignedBy(parent, id) {
				return true // var done chan struct{}; done = make(…)
			}
		}
		g.escapes = true
		return true
	})
	if !found {
		g.escapes = true
	}
}
