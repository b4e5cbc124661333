package ownership

// This file decides ownership: whether a function is where the
// cancellation it tests was requested, so that suppressing it there is the
// recommended pattern rather than a swallow. A function owns the sentinels
// of the contexts it creates and cancels itself (a cancel used beyond a
// bare `defer cancel()`, errgroup.WithContext, signal.NotifyContext) or
// times out (WithTimeout, WithDeadline); any call that returns a context
// with its cancel function creates one, so project wrappers count. A type
// that keeps a context and its cancel in fields owns that context in its
// methods, and a function that received no context at all owns whatever
// cancellation it sees.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// Ownership is what a function owns of the cancellations it may observe.
type Ownership struct {
	info       *types.Info
	created    map[types.Object]recognize.Sentinels // contexts created here, with what their creator causes
	causes     recognize.Sentinels                  // union of created
	received   bool                                 // a context reached the function from outside
	Parent     bool                                 // as a parameter or a captured variable
	Derived    bool                                 // a context created here derives from a received one
	derived    map[types.Object]bool                // the contexts created here that do
	fields     bool                                 // reads a context its type keeps with its cancel
	fromFields map[types.Object]bool                // captured variables that hold only such contexts
	fromParent map[types.Object]bool                // such fields that the package derives from a live context
	CancelAt   ast.Node                             // where the function cancels a context it created, if it does
	body       *ast.BlockStmt                       // the function's body, where work errors are traced to their context
	groupMade  bool                                 // a context created here is an errgroup's
	otherMade  bool                                 // a context created here is not an errgroup's
	values     *flow.ValueIndex
	bound      *recognize.Bound
}

// Of computes the ownership of fi.
func Of(info *types.Info, fi *flow.FuncInfo) *Ownership {
	o := &Ownership{info: info, created: make(map[types.Object]recognize.Sentinels), derived: make(map[types.Object]bool), fromFields: make(map[types.Object]bool), fromParent: make(map[types.Object]bool), body: fi.Body, values: fi.Values, bound: fi.Bound}
	o.received = recognize.HasContextParam(fi.Sig)
	o.Parent = o.received
	cancels := make(map[types.Object][]types.Object)    // cancel variable -> contexts it cancels
	kinds := make(map[types.Object]recognize.Sentinels) // context -> sentinels its creator causes regardless of cancel
	storedCancel := false                               // calls a cancel stored in a field
	var fromCalls []types.Object                        // contexts returned by calls (ctx = s.setup(ctx))

	ast.PreorderStack(fi.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		nested := insideNestedLit(stack)
		switch n := n.(type) {
		case *ast.AssignStmt:
			if !nested && len(n.Rhs) == 1 {
				o.creation(n.Lhs, n.Rhs[0], cancels, kinds)
				if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok && len(n.Lhs) == 1 && recognize.IsContextType(info.TypeOf(call)) &&
					!recognize.IsContextConstructor(recognize.CalleeFunc(info, call)) {
					if v := recognize.SubjectOf(info, n.Lhs[0]); v != nil {
						fromCalls = append(fromCalls, v) // ctx = s.setup(ctx)
					}
				}
			}
		case *ast.ValueSpec:
			if !nested && len(n.Values) == 1 {
				o.creation(recognize.SpecNames(n), n.Values[0], cancels, kinds)
			}
		case *ast.Ident:
			obj := info.Uses[n]
			if v, ok := obj.(*types.Var); ok && !v.IsField() && recognize.IsContextType(v.Type()) &&
				(v.Pos() < fi.Node.Pos() || v.Pos() >= fi.Node.End()) && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() {
				if fi.Values != nil && fi.Values.OwnedFieldsOnly(v) {
					// ctx := m.stopCtx in the method that launches this
					// literal: the type's context, read through a local.
					o.fields = true
					o.fromFields[v] = true
				} else {
					o.received, o.Parent = true, true // captured from an enclosing function
				}
			}
		case *ast.SelectorExpr:
			if v, ok := info.Uses[n.Sel].(*types.Var); ok && v.IsField() && recognize.IsContextType(v.Type()) {
				if bound := fi.Bound.Value(info, n); bound != nil {
					// t.ctx of g.Go(task{ctx: ctx}.run): the launch's ctx,
					// as if captured, whatever else the type keeps.
					w, _ := info.Uses[recognize.IdentOf(bound)].(*types.Var)
					switch {
					case w != nil && fi.Values != nil && fi.Values.OwnedFieldsOnly(w):
						o.fields = true
						o.fromFields[v] = true
					case w != nil && fi.Values != nil && rootContext(info, fi.Values, w) && ownsContext(fi.Values, info.TypeOf(n.X)):
						// stctx, stop := context.WithCancel(context.Background());
						// &Reader{stctx: stctx, stop: stop}: no parent, and the
						// type keeps the only cancel: its own.
						o.fields = true
						o.fromFields[v] = true
					default:
						o.received, o.Parent = true, true
					}
					return true
				}
				if ownsContext(fi.Values, info.TypeOf(n.X)) {
					o.fields = true
					if fi.Values != nil && fi.Values.DerivedField(v) {
						o.fromParent[v] = true
					}
				} else {
					o.received = true
				}
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && fi.Values != nil {
				if v, ok := info.Uses[sel.Sel].(*types.Var); ok && v.IsField() && fi.Values.IsCancelField(v) {
					// s.cancel(), here or in a shutdown handler this
					// function installs: a cancel that a method of the
					// package stored is called by this function.
					storedCancel = true
					if o.CancelAt == nil {
						o.CancelAt = n
					}
				}
			}
			if recognize.IsContextType(info.TypeOf(n)) && !recognize.IsContextConstructor(recognize.CalleeFunc(info, n)) {
				if _, isTuple := info.TypeOf(n).(*types.Tuple); !isTuple {
					o.received = true // r.Context(), stream.Context()
				}
			}
		}
		return true
	})

	// A cancel used beyond a bare `defer cancel()` means the function
	// causes the cancellation itself.
	for cancel, ctxs := range cancels {
		if use := cancelUsed(info, fi.Body, cancel); use != nil {
			for _, ctx := range ctxs {
				kinds[ctx] |= recognize.SentCanceled
			}
			if o.CancelAt == nil || use.Pos() < o.CancelAt.Pos() {
				o.CancelAt = use
			}
		}
	}
	for ctx, s := range kinds {
		o.created[ctx] = s
		o.causes |= s
	}
	if storedCancel {
		// An owner across methods: the context the cancel belongs to was
		// derived by a callee, from what this function handed it, and
		// returned to it.
		o.causes |= recognize.SentCanceled
		o.Derived = o.Derived || o.Parent
		for _, v := range fromCalls {
			o.created[v] |= recognize.SentCanceled
		}
	}
	// A test may read a context through a variable the function never
	// names itself (done := ctx.Done() in the enclosing function).
	for _, t := range fi.TestList {
		if v, ok := t.Subject.(*types.Var); ok && t.OnContext() && !v.IsField() && !o.fromFields[v] {
			if _, created := o.created[v]; !created {
				o.received, o.Parent = true, true
			}
		}
	}
	return o
}

// derivedFor reports whether the cancellation t observes may come from a
// received context through one made here: t tests a context derived from
// a received one, or a work error while some context made here is. A test
// of a context made here from Background is the function's own signal
// (vitess's emergency reparenter: replSuccessCtx), whatever else it
// derives.
func (o *Ownership) derivedFor(t *recognize.CancelTest) bool {
	if !o.Derived {
		return false
	}
	if t == nil || !t.OnContext() {
		return true
	}
	if _, madeHere := o.created[t.Subject]; madeHere {
		return o.derived[t.Subject]
	}
	return true
}

// GuardsParent reports whether the cancellation t observes, on a context
// the function owns, may also come from a parent that is not the
// function's to suppress: a context derived here from a received one.
func (o *Ownership) GuardsParent(t *recognize.CancelTest) bool {
	return o.Parent && o.derivedFor(t)
}

// FieldFromParent reports whether t observes a context field of the
// function's type that the package derives from a live context, and that
// the function does not derive itself (where it does, its own lineage
// says). A method that returns a result it stored (a group's first error)
// once that context is done reports success when the constructor's
// parent was cancelled (pond#40); a literal nil there is the type's
// "stopped", as for a context it made from nothing.
func (o *Ownership) FieldFromParent(t *recognize.CancelTest) bool {
	if t == nil || !t.OnContext() || !o.fromParent[t.Subject] {
		return false
	}
	_, madeHere := o.created[t.Subject]
	return !madeHere
}

// creation records a call that returns a context together with its cancel
// function (or an errgroup), assigned to lhs.
func (o *Ownership) creation(lhs []ast.Expr, rhs ast.Expr, cancels map[types.Object][]types.Object, kinds map[types.Object]recognize.Sentinels) {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return
	}
	tuple, ok := o.info.TypeOf(call).(*types.Tuple)
	if !ok || tuple.Len() != len(lhs) {
		return
	}
	ctxAt, cancelAt, group := -1, -1, false
	for i := range tuple.Len() {
		t := tuple.At(i).Type()
		switch {
		case recognize.IsContextType(t):
			ctxAt = i
		case recognize.IsCancelFunc(t):
			cancelAt = i
		case recognize.IsErrgroup(t):
			group = true
		}
	}
	if ctxAt < 0 || cancelAt < 0 && !group {
		return
	}
	ctx := recognize.SubjectOf(o.info, lhs[ctxAt])
	if ctx == nil {
		return
	}
	fn := recognize.CalleeFunc(o.info, call)
	if len(call.Args) > 0 && recognize.IsContextType(o.info.TypeOf(call.Args[0])) && !recognize.IsDetached(o.info, call.Args[0]) {
		// From a received context, or from one made here that is.
		from := recognize.SubjectOf(o.info, call.Args[0])
		if _, madeHere := kinds[from]; !madeHere || from == nil || o.derived[from] {
			o.Derived, o.derived[ctx] = true, true
		}
	}
	var s recognize.Sentinels
	switch {
	case recognize.IsFunc(fn, recognize.ContextPath, "WithCancel"), recognize.IsFunc(fn, recognize.ContextPath, "WithCancelCause"):
		// Canceled only if the cancel is used; see cancelUsed.
	case recognize.IsFunc(fn, recognize.ContextPath, "WithTimeout"), recognize.IsFunc(fn, recognize.ContextPath, "WithDeadline"),
		recognize.IsFunc(fn, recognize.ContextPath, "WithTimeoutCause"), recognize.IsFunc(fn, recognize.ContextPath, "WithDeadlineCause"):
		s = recognize.SentDeadline
	case recognize.IsFunc(fn, "os/signal", "NotifyContext"), group:
		s = recognize.SentCanceled // the signal, or the group's first error, cancels it
	default:
		s = recognize.SentAny // a project helper: whatever it wraps
	}
	kinds[ctx] |= s
	switch {
	case group:
		o.groupMade = true
	case s != 0:
		o.otherMade = true // a timeout, a signal, a helper's: not only a cancel the function may call
	}
	if cancelAt >= 0 {
		switch target := ast.Unparen(lhs[cancelAt]).(type) {
		case *ast.SelectorExpr:
			kinds[ctx] |= recognize.SentCanceled // stored in a field: cancelled elsewhere
		case *ast.Ident:
			if c := o.info.ObjectOf(target); c != nil {
				cancels[c] = append(cancels[c], ctx)
			}
		}
	}
}

// GroupOnly reports whether the only cancellation the function causes is
// an errgroup's on its first error: it creates no other context and calls
// no cancel. Such a group's Wait reports that first error, never the
// cancellation it caused, so nothing at Wait needs suppressing; a
// cancellation Wait does return came from further up.
func (o *Ownership) GroupOnly() bool {
	return o.groupMade && !o.otherMade && o.CancelAt == nil
}

// Owns returns the sentinels of test t that the function owns.
func (o *Ownership) Owns(t *recognize.CancelTest) recognize.Sentinels {
	if !o.received {
		return recognize.SentAny // main, tests, Stop(): nothing to report to
	}
	if !t.OnContext() {
		if ctxs, ok := o.errContexts(t.Subject); ok {
			// The error's lineage is known: own what the function causes
			// on the contexts its work ran under, and nothing of a
			// received one.
			var own recognize.Sentinels = recognize.SentAny
			for _, c := range ctxs {
				own &= o.ownsContext(c)
			}
			return own
		}
		return o.OwnsWork()
	}
	if s, ok := o.created[t.Subject]; ok {
		return s
	}
	if sel, ok := ast.Unparen(t.Ctx).(*ast.SelectorExpr); ok && o.bound.Value(o.info, sel) == nil && ownsContext(o.values, o.info.TypeOf(sel.X)) {
		return recognize.SentAny
	}
	if o.fromFields[t.Subject] {
		return recognize.SentAny
	}
	return 0
}

// ownsContext returns the sentinels the function owns of the context c.
func (o *Ownership) ownsContext(c types.Object) recognize.Sentinels {
	if s, ok := o.created[c]; ok {
		return s
	}
	if o.fromFields[c] {
		return recognize.SentAny
	}
	if v, ok := c.(*types.Var); ok && v.IsField() && o.fields {
		return recognize.SentAny // a context its type keeps with its cancel
	}
	return 0
}

// errContexts returns the contexts of the calls whose error results are
// assigned to the error variable v in the function: the contexts its work
// ran under. ok is false unless every value v is given (nil aside) comes
// from a call handed exactly one context.
func (o *Ownership) errContexts(v types.Object) (ctxs []types.Object, ok bool) {
	if v == nil || o.body == nil {
		return nil, false
	}
	ok = true
	seen := make(map[types.Object]bool)
	assigned := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, isID := ast.Unparen(l).(*ast.Ident)
			if !isID || o.info.ObjectOf(id) != v {
				continue
			}
			var value ast.Expr
			switch {
			case len(lhs) == len(rhs):
				value = rhs[i]
			case len(rhs) == 1:
				value = rhs[0]
			}
			if value != nil && recognize.IsNil(o.info, value) {
				continue
			}
			call, isCall := ast.Unparen(value).(*ast.CallExpr)
			if !isCall {
				ok = false
				return
			}
			var c types.Object
			for _, arg := range call.Args {
				if recognize.IsContextType(o.info.TypeOf(arg)) {
					if c != nil {
						ok = false // two contexts: whose is the error?
						return
					}
					if c = recognize.SubjectOf(o.info, arg); c == nil {
						ok = false
						return
					}
				}
			}
			if c == nil {
				ok = false
				return
			}
			if !seen[c] {
				seen[c] = true
				ctxs = append(ctxs, c)
			}
		}
	}
	ast.Inspect(o.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			assigned(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			if len(n.Values) > 0 {
				assigned(recognize.SpecNames(n), n.Values)
			}
		case *ast.UnaryExpr:
			if id, isID := ast.Unparen(n.X).(*ast.Ident); n.Op == token.AND && isID && o.info.ObjectOf(id) == v {
				ok = false // written through a pointer
			}
		}
		return ok
	})
	return ctxs, ok && len(ctxs) > 0
}

// OwnsWork returns the sentinels of a work error that the function owns:
// what the contexts it created cause, or all of them when it uses a context
// its type keeps with its cancel.
func (o *Ownership) OwnsWork() recognize.Sentinels {
	if !o.received || o.fields {
		return recognize.SentAny
	}
	return o.causes
}

// cancelUsed returns the first use of the cancel variable other than by a
// deferred call: a call, or its handing on; nil if there is none.
func cancelUsed(info *types.Info, body *ast.BlockStmt, cancel types.Object) ast.Node {
	var used ast.Node
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if used != nil || !ok || info.Uses[id] != cancel {
			return used == nil
		}
		stack = recognize.WithoutParens(stack)
		if as, ok := stack[len(stack)-1].(*ast.AssignStmt); ok && recognize.AssignedBy(as, id) {
			return false // ctx, cancel = context.WithCancel(…): given, not used
		}
		if !isDeferredCall(id, stack) {
			used = id
			if call, ok := stack[len(stack)-1].(*ast.CallExpr); ok && ast.Unparen(call.Fun) == id {
				used = call
			}
		}
		return false
	})
	return used
}

// isDeferredCall reports whether id is the function of a deferred call,
// directly (defer cancel()) or inside a deferred literal.
func isDeferredCall(id *ast.Ident, stack []ast.Node) bool {
	if len(stack) >= 2 {
		if call, ok := stack[len(stack)-1].(*ast.CallExpr); ok && ast.Unparen(call.Fun) == id {
			if _, ok := stack[len(stack)-2].(*ast.DeferStmt); ok {
				return true
			}
		}
	}
	for i := len(stack) - 1; i >= 2; i-- {
		if lit, ok := stack[i].(*ast.FuncLit); ok {
			call, ok := stack[i-1].(*ast.CallExpr)
			_, deferred := stack[i-2].(*ast.DeferStmt)
			return ok && ast.Unparen(call.Fun) == lit && deferred
		}
	}
	return false
}

// insideNestedLit reports whether stack holds a function literal that may
// run apart from the function: launched, deferred, stored or handed on.
func insideNestedLit(stack []ast.Node) bool {
	for i, n := range stack {
		if _, ok := n.(*ast.FuncLit); ok && !calledInPlace(stack, i) {
			return true
		}
	}
	return false
}

// calledInPlace reports whether the literal at stack[i] is called where it
// stands, not by go or defer: func() { ctx, cancel := …; … }(). What it
// creates, the function creates.
func calledInPlace(stack []ast.Node, i int) bool {
	if i < 2 {
		return false
	}
	call, ok := stack[i-1].(*ast.CallExpr)
	if !ok || call.Fun != stack[i] {
		return false
	}
	switch stack[i-2].(type) {
	case *ast.GoStmt, *ast.DeferStmt:
		return false
	}
	return true
}

// endsOnlyOnReturn reports whether the context variable ctx of a function
// whose body is body is made there, detached from any received context,
// by context.WithCancel(context.Background()) (or TODO, WithoutCancel, or
// WithCancelCause)
// and cancelled only by a deferred call: it ends only when the function
// returns, when nothing of it is left to read what its tasks report.
func endsOnlyOnReturn(info *types.Info, body *ast.BlockStmt, ctx types.Object) bool {
	if ctx == nil || body == nil {
		return false
	}
	var cancel types.Object
	found := false
	check := func(lhs []ast.Expr, rhs ast.Expr) {
		call, ok := ast.Unparen(rhs).(*ast.CallExpr)
		if !ok || len(lhs) != 2 || len(call.Args) != 1 {
			return
		}
		fn := recognize.CalleeFunc(info, call)
		if !recognize.IsFunc(fn, recognize.ContextPath, "WithCancel") && !recognize.IsFunc(fn, recognize.ContextPath, "WithCancelCause") {
			return
		}
		if !recognize.IsDetached(info, call.Args[0]) {
			return // Background, TODO, WithoutCancel(ctx): no parent's cancel reaches it
		}
		if id, ok := ast.Unparen(lhs[0]).(*ast.Ident); ok && info.ObjectOf(id) == ctx {
			if c, ok := ast.Unparen(lhs[1]).(*ast.Ident); ok {
				cancel, found = info.ObjectOf(c), true
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				check(n.Lhs, n.Rhs[0])
			}
		case *ast.ValueSpec:
			if len(n.Values) == 1 {
				check(recognize.SpecNames(n), n.Values[0])
			}
		}
		return !found
	})
	return found && cancel != nil && cancelUsed(info, body, cancel) == nil
}

// ownsContext reports whether t is a type that keeps a context with its
// cancel, by what the package stores in its fields when values knows.
func ownsContext(values *flow.ValueIndex, t types.Type) bool {
	if values == nil {
		return recognize.TypeOwnsContext(t, nil)
	}
	return values.OwnsContext(t)
}

// rootContext reports whether the local context variable w is given only
// a context derived from a root (context.Background(), TODO()): no
// cancellation reaches it but its own cancel's.
func rootContext(info *types.Info, values *flow.ValueIndex, w *types.Var) bool {
	call, ok := ast.Unparen(values.OriginOf(w)).(*ast.CallExpr)
	if !ok || !recognize.IsContextConstructor(recognize.CalleeFunc(info, call)) || len(call.Args) == 0 {
		return false
	}
	return recognize.IsDetached(info, call.Args[0])
}
