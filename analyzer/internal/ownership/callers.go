package ownership

// This file finds owners one call away. A function only its package
// calls (reach.go) that is only ever called with a context that each
// caller has just created and causes to end (ctx, cancel :=
// context.WithTimeout(…); defer cancel(); return x.capture(ctx)) is a
// piece of those owners, factored out: what they own, it owns, and its
// suppression is theirs. A caller that discards, only logs, or re-checks
// the context right after the call is not told anything by the nil; a
// caller that only passes the error on (forward.go) is judged by its own
// callers in turn.

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// CallerOwnership answers, for the functions of one package, what every
// caller owns of the context it passes.
type CallerOwnership struct {
	fset  *token.FileSet
	info  *types.Info
	insp  *inspector.Inspector
	refs  map[*types.Func][]*ast.Ident // made on first use
	cache map[*types.Func]recognize.Sentinels
	tests recognize.TestFiles

	pkg        *types.Package
	isLauncher func(*types.Func) bool
	reach      reach
	framework  map[*types.Func]bool          // HandedToFramework, by function
	varRefs    map[*types.Var][]*ast.Ident   // made on first use
	decls      map[*types.Func]*ast.FuncDecl // made on first use
}

// declOf returns the declaration, with a body, of fn in the package.
func (co *CallerOwnership) declOf(fn *types.Func) *ast.FuncDecl {
	if co.decls == nil {
		co.decls = make(map[*types.Func]*ast.FuncDecl)
		for cur := range co.insp.Root().Preorder((*ast.FuncDecl)(nil)) {
			d := cur.Node().(*ast.FuncDecl)
			if f, ok := co.info.Defs[d.Name].(*types.Func); ok && d.Body != nil {
				co.decls[f] = d
			}
		}
	}
	return co.decls[fn.Origin()]
}

func NewCallers(pkg *types.Package, fset *token.FileSet, info *types.Info, insp *inspector.Inspector, tests recognize.TestFiles, isLauncher func(*types.Func) bool) *CallerOwnership {
	return &CallerOwnership{pkg: pkg, fset: fset, info: info, insp: insp, cache: make(map[*types.Func]recognize.Sentinels), tests: tests, isLauncher: isLauncher,
		reach: reach{pkg: pkg, info: info}, framework: make(map[*types.Func]bool)}
}

// Owned returns the sentinels that every caller of fi owns of the one
// context fi receives as a parameter, where test t is about that context: none
// when code outside the package may call fi, when fi is a literal, launched,
// has no single context parameter, or is referred to other than by a
// direct call, and none for an observation of another context.
func (co *CallerOwnership) Owned(fi *flow.FuncInfo, t *recognize.CancelTest, ownerCategory bool) recognize.Sentinels {
	if fi.Obj == nil || fi.Launch != nil || ownerCategory {
		return 0
	}
	if t != nil && t.OnContext() {
		if v, ok := t.Subject.(*types.Var); !ok || !isParam(fi.Sig, v) {
			return 0
		}
	}
	return co.ownedBy(fi.Obj, fi.Sig)
}

// ownedBy returns what every caller of fn owns of its context parameter.
func (co *CallerOwnership) ownedBy(fn *types.Func, sig *types.Signature) recognize.Sentinels {
	if owned, ok := co.cache[fn]; ok {
		return owned
	}
	if !co.reach.onlyLocal(fn) {
		co.cache[fn] = 0
		return 0
	}
	co.cache[fn] = 0 // while computing: a call cycle owns nothing (and answers cached meanwhile stay cautious)
	owned := co.compute(fn, sig)
	co.cache[fn] = owned
	return owned
}

func (co *CallerOwnership) compute(fn *types.Func, sig *types.Signature) recognize.Sentinels {
	at := -1
	for i := range sig.Params().Len() {
		if recognize.IsContextType(sig.Params().At(i).Type()) {
			if at >= 0 {
				return 0
			}
			at = i
		}
	}
	if at < 0 || sig.Variadic() && at == sig.Params().Len()-1 {
		return 0
	}
	refs := co.refsOf(fn)
	if len(refs) == 0 || sig.Recv() != nil && co.calledThroughInterface(fn.Name()) {
		return 0
	}
	all := recognize.SentAny
	for _, id := range refs {
		all &= co.atCall(id, at)
		if all == 0 {
			break
		}
	}
	return all
}

// HandedToFramework reports whether every reference to the function of fi
// hands it, as a value, to a function of another package that is given no
// context (services.NewBasicService(s.start, s.running, s.stop)): that
// package makes the contexts it calls it with and defines what a nil
// means when it cancels them. Such a function's "stopped" nil is its
// contract with the framework: only the audit lists it.
//
// A function that only the package calls, and only from such functions
// that pass its error straight on (func (p *processor) running(ctx) error
// { return p.Run(ctx) }), is under the same contract.
func (co *CallerOwnership) HandedToFramework(fi *flow.FuncInfo) bool {
	if fi.Obj == nil {
		return false
	}
	return co.handedOn(fi.Obj)
}

// handedOn is HandedToFramework by function. A function met again while
// its own answer is computed (a call cycle) counts as not handed on, and
// what was concluded from that stays cached: the cycle only costs findings'
// silence, never adds it.
func (co *CallerOwnership) handedOn(fn *types.Func) bool {
	if done, ok := co.framework[fn]; ok {
		return done
	}
	co.framework[fn] = false // while computing: a call cycle reaches no framework
	refs := co.refsOf(fn)
	handed := len(refs) > 0
	for _, id := range refs {
		if !co.handedAt(fn, id) {
			handed = false
			break
		}
	}
	co.framework[fn] = handed
	return handed
}

// handedAt reports whether the reference id to fn hands fn to a framework,
// or calls it from a function handed to one that passes its error on.
func (co *CallerOwnership) handedAt(fn *types.Func, id *ast.Ident) bool {
	value, ok := co.valueAt(id)
	if !ok {
		return false
	}
	call, ok := value.Parent().Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	if call.Fun == value.Node() {
		// func(ctx context.Context) error { return r.running(ctx) }: the
		// literal is the function, handed on where the literal is.
		if lit, ok := forwardingLit(co.info, value.Parent()); ok {
			value = outer(lit)
			if call, ok = value.Parent().Node().(*ast.CallExpr); !ok {
				return false
			}
		}
	}
	if call.Fun != value.Node() {
		return co.handedToFramework(call)
	}
	if !co.reach.onlyLocal(fn) || fn.Signature().Recv() != nil && co.calledThroughInterface(fn.Name()) {
		return false
	}
	caller := co.callerOf(value.Parent())
	return caller != nil && passesThrough(co.info, value.Parent(), caller.Signature()) && co.handedOn(caller)
}

// valueAt returns the cursor of the expression that the reference id
// names a function by: id itself, or the selector x.id around it.
func (co *CallerOwnership) valueAt(id *ast.Ident) (inspector.Cursor, bool) {
	cur, ok := co.insp.Root().FindByPos(id.Pos(), id.End())
	if !ok || cur.Node() != id {
		return cur, false
	}
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
		return outer(cur.Parent()), true
	}
	return outer(cur), true
}

// callerOf returns the declared function whose body holds cur, or nil
// when cur is in a function literal.
func (co *CallerOwnership) callerOf(cur inspector.Cursor) *types.Func {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if d, ok := recognize.EffectiveFunc(c).Node().(*ast.FuncDecl); ok {
			fn, _ := co.info.Defs[d.Name].(*types.Func)
			return fn
		}
		return nil
	}
	return nil
}

// refsOf returns the identifiers that refer to fn in the package, indexed
// on first use.
func (co *CallerOwnership) refsOf(fn *types.Func) []*ast.Ident {
	if co.refs == nil {
		co.refs = make(map[*types.Func][]*ast.Ident)
		for id, obj := range co.info.Uses {
			if f, ok := obj.(*types.Func); ok {
				co.refs[f.Origin()] = append(co.refs[f.Origin()], id)
			}
		}
		for _, ids := range co.refs {
			byPos(ids) // Uses is a map: judge callers in source order, alike on every run
		}
	}
	return co.refs[fn]
}

// calledThroughInterface reports whether the package calls an interface
// method of that name: a method may then be reached by callers that never
// name it.
func (co *CallerOwnership) calledThroughInterface(name string) bool {
	for f := range co.refs {
		if f.Name() != name {
			continue
		}
		if recv := f.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
			return true
		}
	}
	return false
}

// dispatchedAs returns the interface methods, called in the package, that
// a call may dispatch to the method fn: those of its name whose interface
// fn's receiver type implements.
func (co *CallerOwnership) dispatchedAs(fn *types.Func) []*types.Func {
	recv := fn.Signature().Recv()
	if recv == nil || types.IsInterface(recv.Type()) {
		return nil
	}
	t := recv.Type()
	if _, ok := t.(*types.Pointer); !ok {
		t = types.NewPointer(t) // its method set holds the value methods too
	}
	co.refsOf(fn) // makes co.refs
	var out []*types.Func
	for im := range co.refs {
		if im.Name() != fn.Name() {
			continue
		}
		r := im.Signature().Recv()
		if r == nil {
			continue
		}
		iface, ok := r.Type().Underlying().(*types.Interface)
		if ok && types.Implements(t, iface) {
			out = append(out, im)
		}
	}
	slices.SortFunc(out, func(a, b *types.Func) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return out
}

// isParam reports whether v is a parameter of sig.
func isParam(sig *types.Signature, v *types.Var) bool {
	for p := range sig.Params().Variables() {
		if p == v {
			return true
		}
	}
	return false
}

// atCall returns what the function around the call that id names owns of
// the context it passes as argument at; 0 if id is not a call's callee.
func (co *CallerOwnership) atCall(id *ast.Ident, at int) recognize.Sentinels {
	callee, ok := co.valueAt(id)
	if !ok {
		return 0
	}
	call, ok := callee.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != callee.Node() || at >= len(call.Args) {
		return 0
	}
	if co.tests.At(co.fset, id.Pos()) {
		return recognize.SentAny // tests own the contexts they make and hand on
	}
	if discardsError(co.info, callee.Parent()) || checksAfter(co.info, callee.Parent(), call.Args[at]) {
		return recognize.SentAny // the nil changes nothing the caller does
	}
	// A caller that only logs the error is not an owner: it did not
	// cancel, and a stop it is told of as success is still one by the
	// letter. It acts on nothing, so the default leaves it (ConsumerOf).
	for c := range callee.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		c = recognize.EffectiveFunc(c)
		caller := FuncInfoOf(co.info, c)
		if caller == nil {
			return 0
		}
		own := Of(co.info, caller)
		if !own.received {
			return recognize.SentAny // main, or a Stop that cancels and waits
		}
		arg, ok := ast.Unparen(call.Args[at]).(*ast.Ident)
		if !ok {
			return 0
		}
		owned := own.created[co.info.Uses[arg]]
		if fn := co.callerOf(callee.Parent()); fn != nil && owned != recognize.SentAny &&
			isParam(caller.Sig, asVar(co.info.Uses[arg])) && passesThrough(co.info, callee.Parent(), caller.Sig) {
			owned |= co.ownedBy(fn, caller.Sig) // the caller's callers judge its nil
		}
		return owned
	}
	return 0
}

// asVar returns obj as a variable, or nil.
func asVar(obj types.Object) *types.Var {
	v, _ := obj.(*types.Var)
	return v
}

// FuncInfoOf describes the function at c for its ownership, task or not,
// or returns nil.
func FuncInfoOf(info *types.Info, c inspector.Cursor) *flow.FuncInfo {
	fi := &flow.FuncInfo{Info: info, Node: c.Node()}
	switch n := c.Node().(type) {
	case *ast.FuncDecl:
		if n.Body == nil {
			return nil
		}
		fi.Body = n.Body
		if fn, ok := info.Defs[n.Name].(*types.Func); ok {
			fi.Sig, _ = fn.Type().(*types.Signature)
		}
	case *ast.FuncLit:
		fi.Body = n.Body
		fi.Sig, _ = info.TypeOf(n).(*types.Signature)
		if eff := recognize.EffectiveFunc(c); eff != c {
			// return func() error { … }(): the body of the function
			// around it, whose parameters it reads.
			if outer := FuncInfoOf(info, eff); outer != nil {
				fi.Sig = outer.Sig
			}
		}
	default:
		return nil
	}
	if fi.Sig == nil {
		return nil
	}
	fi.ErrIdx = recognize.ErrorResult(fi.Sig)
	return fi
}

// discardsError reports whether the call at cur is a statement of its own
// or assigns its error result to the blank identifier: its caller does not
// look at what it returns.
func discardsError(info *types.Info, cur inspector.Cursor) bool {
	if _, ok := outer(cur).Parent().Node().(*ast.ExprStmt); ok {
		return true
	}
	l, ok := errLandingOf(info, cur)
	return ok && l.obj == nil
}

// resultSignature returns a signature whose results are those of call.
func resultSignature(info *types.Info, call *ast.CallExpr) *types.Signature {
	t := info.TypeOf(call.Fun)
	if t == nil {
		return nil // code that did not type-check
	}
	sig, _ := t.Underlying().(*types.Signature)
	return sig
}

// checksAfter reports whether the statement holding the call at cur is
// followed at once by a check of ctx: an if on ctx.Err() or a select on
// ctx.Done(), right after the call or after the tests of its error that
// only a non-nil error enters. Whatever the callee returned on
// cancellation, the caller then learns of it from the context itself.
func checksAfter(info *types.Info, cur inspector.Cursor, ctx ast.Expr) bool {
	obj := recognize.SubjectOf(info, ctx)
	if obj == nil {
		return false
	}
	if l, ok := errLandingOf(info, cur); ok {
		next, ok := l.afterTest(info)
		return ok && checksContext(info, next.Node(), obj)
	}
	// Up to the statement in a block.
	for c := cur; c.Node() != nil; c = c.Parent() {
		if _, ok := c.Parent().Node().(*ast.BlockStmt); !ok {
			if _, isFunc := c.Node().(*ast.FuncLit); isFunc {
				return false
			}
			continue
		}
		next, ok := c.NextSibling()
		if !ok {
			return false
		}
		return checksContext(info, next.Node(), obj)
	}
	return false
}

// handedToFramework reports whether call, which is given a function value,
// belongs to another package, starts no task, and is handed no context:
// the callee makes the contexts it calls the function with, owns them, and
// defines what the function's nil means when it cancels them (a service
// framework's running callback, services.NewBasicService(s.start,
// s.running, s.stop)).
func (co *CallerOwnership) handedToFramework(call *ast.CallExpr) bool {
	fn := recognize.CalleeFunc(co.info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == co.pkg || co.isLauncher(fn) {
		return false
	}
	for _, arg := range call.Args {
		if recognize.IsContextType(co.info.TypeOf(arg)) {
			return false // it passes on a context it was given
		}
	}
	return true
}

// onlyLogsError reports whether the error of the call at cur is only
// logged: assigned to a variable whose every use is an argument of a call
// statement (log.Print(err)) or the nil test of an if whose branches only
// make such calls, and perhaps continue the loop where the nil would also
// go next. Nothing the caller does then depends on whether the error was
// nil, but a log line.
//
//	if err := w.sync(ctx); err != nil {
//		log.Printf("sync: %v", err)
//	}
func onlyLogsError(info *types.Info, cur inspector.Cursor) bool {
	l, ok := errLandingOf(info, cur)
	if !ok || l.obj == nil {
		return false
	}
	v := l.obj
	body := bodyAround(cur)
	if body == nil || v == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return false // a result or a captured variable: read where this body cannot show
	}
	logged := true
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		use, ok := n.(*ast.Ident)
		if !ok || info.Uses[use] != v || !logged {
			return logged
		}
		stack = recognize.WithoutParens(stack) // log.Print((err)) logs too
		parent := stack[len(stack)-1]
		switch p := parent.(type) {
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if ast.Unparen(l) == use {
					return true // another call's error lands here
				}
			}
		case *ast.BinaryExpr:
			if (p.Op == token.NEQ || p.Op == token.EQL) && (recognize.IsNil(info, p.X) || recognize.IsNil(info, p.Y)) &&
				loggingCond(info, v, stack, len(stack)-1) {
				return true
			}
		case *ast.SelectorExpr:
			if p.Sel.Name == "Error" && len(stack) >= 3 {
				if m, ok := stack[len(stack)-2].(*ast.CallExpr); ok && ast.Unparen(m.Fun) == p {
					if logCall, ok := stack[len(stack)-3].(*ast.CallExpr); ok && ast.Unparen(logCall.Fun) != m && inCallStatement(stack[:len(stack)-2]) {
						return true // log.Printf("…: %s", err.Error())
					}
				}
			}
		case *ast.CallExpr:
			if ast.Unparen(p.Fun) != use && inCallStatement(stack) {
				return true // log.Print(err)
			}
			if isErrorsTest(info, p) && loggingCond(info, v, stack, len(stack)-1) {
				return true // if err != nil && !errors.Is(err, context.Canceled) { log… }
			}
		}
		logged = false
		return false
	})
	return logged
}

// loggingCond reports whether stack[i] is, alone or joined by &&, || and
// !, the condition of an if whose branches only make call statements
// (onlyCalls), and whose condition calls nothing but errors.Is and
// errors.As: the error then decides which log lines are written and
// nothing else.
func loggingCond(info *types.Info, v types.Object, stack []ast.Node, i int) bool {
	child := stack[i]
	for j := i - 1; j >= 0; j-- {
		switch q := stack[j].(type) {
		case *ast.ParenExpr:
		case *ast.UnaryExpr:
			if q.Op != token.NOT {
				return false
			}
		case *ast.BinaryExpr:
			if q.Op != token.LAND && q.Op != token.LOR {
				return false
			}
		case *ast.IfStmt:
			if ast.Unparen(q.Cond) != child || !callsOnlyErrorsTests(info, q.Cond) {
				return false
			}
			// The branch a nil error takes does nothing; the other only
			// logs (if err != nil { log… }, either way round).
			if onNil, ok := recognize.EvalErr(info, q.Cond, v, true); ok {
				return recognize.IsEmptyBranch(recognize.BranchOf(q, onNil)) && onlyCalls(recognize.BranchOf(q, !onNil), q, stack[:j])
			}
			return onlyCalls(q.Body, q, stack[:j]) && (q.Else == nil || onlyCalls(q.Else, q, stack[:j]))
		default:
			return false
		}
		child = stack[j]
	}
	return false
}

// callsOnlyErrorsTests reports whether every call in e is errors.Is or
// errors.As.
func callsOnlyErrorsTests(info *types.Info, e ast.Expr) bool {
	only := true
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !isErrorsTest(info, call) {
			only = false
		}
		return only
	})
	return only
}

// isErrorsTest reports whether call is errors.Is or errors.As.
func isErrorsTest(info *types.Info, call *ast.CallExpr) bool {
	fn := recognize.CalleeFunc(info, call)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "errors" && (fn.Name() == "Is" || fn.Name() == "As")
}

// inCallStatement reports whether the innermost statement around the end
// of stack is a call statement.
func inCallStatement(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch s := stack[i].(type) {
		case *ast.ExprStmt:
			_, ok := ast.Unparen(s.X).(*ast.CallExpr)
			return ok
		case ast.Stmt, *ast.FuncLit:
			return false
		}
	}
	return false
}

// onlyCalls reports whether a branch of ifs holds nothing but call
// statements, and at most a final continue that goes where the code after
// ifs goes too: the end of the loop's body.
func onlyCalls(branch ast.Stmt, ifs *ast.IfStmt, stack []ast.Node) bool {
	block, ok := branch.(*ast.BlockStmt)
	if !ok {
		return false
	}
	for i, s := range block.List {
		switch s := s.(type) {
		case *ast.ExprStmt:
			if _, ok := ast.Unparen(s.X).(*ast.CallExpr); !ok {
				return false
			}
		case *ast.BranchStmt:
			if s.Tok != token.CONTINUE || s.Label != nil || i != len(block.List)-1 || !endsIteration(ifs, stack) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isClauses reports whether block is the body of a switch or select n.
func isClauses(n ast.Node, block *ast.BlockStmt) bool {
	switch n := n.(type) {
	case *ast.SwitchStmt:
		return n.Body == block
	case *ast.TypeSwitchStmt:
		return n.Body == block
	case *ast.SelectStmt:
		return n.Body == block
	}
	return false
}

// endsIteration reports whether nothing runs after statement s but the next
// iteration of the loop around it: s is last in its block, up through case
// bodies and blocks, to the body of a for or range statement.
func endsIteration(s ast.Node, stack []ast.Node) bool {
	child := s
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.BlockStmt:
			if i > 0 && isClauses(stack[i-1], p) {
				break // any case of a switch or select
			}
			if len(p.List) == 0 || p.List[len(p.List)-1] != child {
				return false
			}
		case *ast.CaseClause:
			if len(p.Body) == 0 || p.Body[len(p.Body)-1] != child {
				return false
			}
		case *ast.CommClause:
			if len(p.Body) == 0 || p.Body[len(p.Body)-1] != child {
				return false
			}
		case *ast.SelectStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		default:
			return false
		}
		child = stack[i]
	}
	return false
}

// checksContext reports whether statement s is an if whose condition reads
// ctx.Err() (or context.Cause(ctx)), or a select with a case on ctx.Done(),
// for the context variable obj.
func checksContext(info *types.Info, s ast.Node, obj types.Object) bool {
	var where []ast.Node
	switch s := s.(type) {
	case *ast.IfStmt:
		where = append(where, s.Cond)
		if s.Init != nil {
			where = append(where, s.Init)
		}
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			if comm := c.(*ast.CommClause).Comm; comm != nil {
				where = append(where, comm)
			}
		}
	case *ast.ReturnStmt:
		for _, r := range s.Results { // return ctx.Err(): the caller reports it itself
			where = append(where, r)
		}
	default:
		return false
	}
	found := false
	for _, n := range where {
		ast.Inspect(n, func(m ast.Node) bool {
			if e, ok := m.(ast.Expr); ok {
				if ctx := recognize.ContextErrCall(info, e); ctx != nil && recognize.SubjectOf(info, ctx) == obj {
					found = true
				}
				if ctx := recognize.ContextMethodCall(info, e, "Done"); ctx != nil && recognize.SubjectOf(info, ctx) == obj {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// forwardingLit returns the literal whose body only makes the call at cur,
// handing on its own parameters (recognize.Forwarder).
func forwardingLit(info *types.Info, cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncLit)(nil)) {
		lit := c.Node().(*ast.FuncLit)
		return c, recognize.Forwarder(info, lit.Type, lit.Body) == cur.Node()
	}
	return cur, false
}

// LoggingCaller returns a call of fi's function in the package whose
// error is only logged, or nil. Propagating the cancellation to it would
// log every stop as a failure: no fix is whole without the caller's
// suppression, which is not the task's to write.
func (co *CallerOwnership) LoggingCaller(fi *flow.FuncInfo) *ast.CallExpr {
	if fi.Obj == nil {
		return nil
	}
	for _, id := range co.refsOf(fi.Obj) {
		callee, ok := co.valueAt(id)
		if !ok {
			continue
		}
		if call, ok := callee.Parent().Node().(*ast.CallExpr); ok && call.Fun == callee.Node() && !co.tests.At(co.fset, id.Pos()) && onlyLogsError(co.info, callee.Parent()) {
			return call
		}
	}
	return nil
}

// byPos sorts identifiers into source order.
func byPos(ids []*ast.Ident) {
	slices.SortFunc(ids, func(a, b *ast.Ident) int { return cmp.Compare(a.Pos(), b.Pos()) })
}

// bodyAround returns the body of the innermost function declaration or
// literal around cur, or nil.
func bodyAround(cur inspector.Cursor) *ast.BlockStmt {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch f := c.Node().(type) {
		case *ast.FuncDecl:
			return f.Body
		case *ast.FuncLit:
			return f.Body
		}
	}
	return nil
}
