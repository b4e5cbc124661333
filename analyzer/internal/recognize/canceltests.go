package recognize

// This file recognises cancellation tests: the conditions that hold when
// work was cancelled. A test has a subject (the error or context it reads),
// the sentinels it covers, and a kind: "error" when it singles cancellation
// out of other failures (a sentinel, a gRPC code, a predicate helper, a
// work error compared with ctx.Err()), "done" when it only observes that a
// context is done (<-ctx.Done(), ctx.Err() != nil). The recogniser returns
// the polarity separately, so that the path walker can negate a test
// without the recogniser knowing about control flow.

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Sentinels is a set of the cancellation errors a test covers.
type Sentinels uint8

const (
	SentCanceled Sentinels = 1 << iota
	SentDeadline
	SentAny = SentCanceled | SentDeadline
)

// testKind is how a test observes cancellation.
type testKind uint8

const (
	KindError testKind = iota // singles out cancellation among failures
	KindDone                  // observes that a context is done
)

// CancelTest is one cancellation test in a function.
type CancelTest struct {
	Node      ast.Node // condition, case value, case or comm clause, or <-ctx.Done() statement
	Kind      testKind
	Sentinels Sentinels
	Subject   types.Object // the tested variable or field, or nil for an unnamed value
	Ctx       ast.Expr     // the context the test reads, if any
	Err       ast.Expr     // the tested error expression, if the test reads a work error
	Operand   ast.Expr     // the tested expression as written: err, ctx.Err(), cerr
	helper    *types.Func  // the predicate helper called, if any
	Grpc      bool         // the test compares gRPC codes
	Guard     bool         // a loop condition: it only proves the context live
	Mixed     bool         // a predicate helper that also holds for other errors
	Quits     bool         // a quitter helper's call: the context may or may not be done after it
	GuardCtx  ast.Expr     // a context the test proves live when it fails (a predicate helper's guard)
	Cond      ast.Expr     // the if condition the test is part of, if any
	Index     int          // position in flow.FuncInfo.TestList, from 1
}

// OnContext reports whether the test reads a context rather than a work error.
func (t *CancelTest) OnContext() bool { return t.Ctx != nil && t.Err == nil }

// TestRef is a test found at a node, with the polarity of that node:
// positive when the node is true on cancellation.
type TestRef struct {
	Test     *CancelTest
	Positive bool
}

// Recognizer finds cancellation tests in the expressions of one function.
type Recognizer struct {
	Info       *types.Info
	Deadline   bool                         // DeadlineExceeded counts as cancellation
	Predicates func(*types.Func) *Predicate // predicate helpers, by origin
	Quitters   func(*types.Func) *Quitter   // helpers that return early when a context ends, by origin; may be nil
	Origin     func(*ast.Ident) ast.Expr    // the single value a local variable holds, or nil
	Bound      *Bound                       // the launched method's receiver fields, or nil
}

// value returns the value e was given where that is known: the value at
// the launch of a receiver field it reads, then the single value of the
// local variable that is, or nil.
func (r *Recognizer) value(e ast.Expr) ast.Expr {
	var v ast.Expr
	if f := r.Bound.Value(r.Info, e); f != nil {
		v, e = f, f
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && r.Origin != nil {
		if o := r.Origin(id); o != nil {
			v = o
		}
	}
	return v
}

// QuitterCall recognises a call of a quitter helper as a done
// observation that may or may not have happened: waitReady(ctx).
func (r *Recognizer) QuitterCall(e ast.Expr) *CancelTest {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || r.Quitters == nil {
		return nil
	}
	fn := CalleeFunc(r.Info, call)
	if fn == nil {
		return nil
	}
	q := r.Quitters(fn.Origin())
	if q == nil || q.Param >= len(call.Args) {
		return nil
	}
	ctx := call.Args[q.Param]
	return &CancelTest{Node: call, Kind: KindDone, Sentinels: SentAny, Ctx: ctx, Subject: r.subject(ctx), Operand: ctx, Quits: true}
}

// Cond returns the test that expression e is, with its polarity.
func (r *Recognizer) Cond(e ast.Expr) (*CancelTest, bool) {
	t, pos := r.condRaw(e)
	if t == nil {
		return nil, false
	}
	if !r.Deadline && t.Kind == KindError {
		t.Sentinels &^= SentDeadline
		if t.Sentinels == 0 {
			return nil, false
		}
	}
	return t, pos
}

// CondNegated is Cond seen through negation: !(errors.Is(err,
// context.Canceled)) is the same test, false on cancellation.
func (r *Recognizer) CondNegated(e ast.Expr) (*CancelTest, bool) {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.NOT {
		t, pos := r.CondNegated(u.X)
		return t, !pos
	}
	return r.Cond(e)
}

func (r *Recognizer) condRaw(e ast.Expr) (*CancelTest, bool) {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ:
			t, eqMeansCancel := r.compare(e.X, e.Y)
			if t == nil {
				return nil, false
			}
			t.Node = e
			return t, eqMeansCancel == (e.Op == token.EQL)
		case token.LOR, token.LAND:
			// a || b on one subject, both positive, is one test covering
			// both sentinels; so is a && b when both are negative
			// (err != context.Canceled && err != context.DeadlineExceeded).
			x, xp := r.condRaw(e.X)
			y, yp := r.condRaw(e.Y)
			if x == nil || y == nil || xp != yp || xp != (e.Op == token.LOR) || !SameSubject(x, y) {
				return nil, false
			}
			if !r.Deadline && (r.deadlineOnly(x) || r.deadlineOnly(y)) {
				return nil, false // each side is a test of its own, or none
			}
			t := *x
			t.Node = e
			t.Sentinels |= y.Sentinels
			if y.Kind == KindError {
				t.Kind = KindError
			}
			return &t, xp
		}
	case *ast.CallExpr:
		return r.call(e)
	case *ast.Ident:
		// canceled := errors.Is(err, context.Canceled); if canceled { … }
		if obj, ok := r.Info.Uses[e].(*types.Var); ok && types.Identical(obj.Type(), types.Typ[types.Bool]) {
			if o := r.Origin(e); o != nil {
				if _, isIdent := ast.Unparen(o).(*ast.Ident); !isIdent {
					t, pos := r.condRaw(o)
					if t != nil {
						t.Node = e
					}
					return t, pos
				}
			}
		}
	}
	return nil, false
}

// deadlineOnly reports whether t tests only for DeadlineExceeded among
// sentinel tests, which -deadline=false does not count.
func (r *Recognizer) deadlineOnly(t *CancelTest) bool {
	return t.Kind == KindError && t.Sentinels == SentDeadline
}

// call recognises errors.Is(x, sentinel), errors.Is(x, ctx.Err()) and calls
// of predicate helpers.
func (r *Recognizer) call(call *ast.CallExpr) (*CancelTest, bool) {
	fn := CalleeFunc(r.Info, call)
	if fn == nil {
		return nil, false
	}
	if isErrorsIs(fn) && len(call.Args) == 2 {
		t, eqMeansCancel := r.compare(call.Args[0], call.Args[1])
		if t == nil || !eqMeansCancel || t.Kind == KindDone {
			return nil, false
		}
		t.Node = call
		return t, true
	}
	if r.Predicates == nil {
		return nil, false
	}
	p := r.Predicates(fn)
	if p == nil || p.Param >= len(call.Args) {
		return nil, false
	}
	arg := call.Args[p.Param]
	t := &CancelTest{Node: call, Kind: KindError, Sentinels: p.Sentinels, helper: fn, Operand: arg, Mixed: p.Mixed}
	if p.Guard >= 0 && p.Guard < len(call.Args) {
		t.GuardCtx = call.Args[p.Guard]
	}
	if p.OnContext {
		t.Kind = KindDone
		t.Ctx = arg
		t.Subject = r.subject(arg)
	} else if ctx := r.contextErr(arg); ctx != nil {
		t.Ctx = ctx
		t.Subject = r.subject(ctx)
	} else {
		t.Err = arg
		t.Subject = r.subject(arg)
	}
	return t, true
}

// compare recognises x == y as a cancellation test, in either operand
// order; eqMeansCancel tells whether equality means cancellation.
func (r *Recognizer) compare(x, y ast.Expr) (t *CancelTest, eqMeansCancel bool) {
	if t, eq := r.compareOrdered(x, y); t != nil {
		return t, eq
	}
	return r.compareOrdered(y, x)
}

func (r *Recognizer) compareOrdered(x, y ast.Expr) (*CancelTest, bool) {
	// ctx.Err() == nil, context.Cause(ctx) != nil, cerr != nil
	if IsNil(r.Info, y) {
		if ctx := r.contextErr(x); ctx != nil {
			return &CancelTest{Kind: KindDone, Sentinels: SentAny, Ctx: ctx, Subject: r.subject(ctx), Operand: x}, false
		}
		return nil, false
	}
	if s, grpc := sentinelOf(r.Info, y); s != 0 {
		if grpc {
			// status.Code(err) == codes.Canceled, code == codes.Canceled
			if err := grpcCodeOf(r.Info, x, r.Origin); err != nil {
				return r.errorTest(err, s, true), true
			}
			if id, ok := ast.Unparen(x).(*ast.Ident); ok {
				if o := r.Origin(id); o != nil {
					if err := grpcCodeOf(r.Info, o, r.Origin); err != nil {
						return r.errorTest(err, s, true), true
					}
				}
			}
			if isGRPCCode(r.Info.TypeOf(x)) {
				return &CancelTest{Kind: KindError, Sentinels: s, Subject: r.subject(x), Grpc: true, Operand: x}, true
			}
			return nil, false
		}
		if !IsErrorLike(r.Info.TypeOf(x)) {
			return nil, false
		}
		return r.errorTest(x, s, false), true
	}
	// err == ctx.Err(): a work error compared with its context's error.
	if ctx := ContextErrCall(r.Info, y); ctx != nil && IsErrorLike(r.Info.TypeOf(x)) && ContextErrCall(r.Info, x) == nil {
		return &CancelTest{Kind: KindError, Sentinels: SentAny, Err: x, Ctx: ctx, Subject: r.subject(x), Operand: x}, true
	}
	return nil, false
}

// errorTest builds a sentinel test of error expression x, which may itself
// be the error of a context (ctx.Err() == context.Canceled).
func (r *Recognizer) errorTest(x ast.Expr, s Sentinels, grpc bool) *CancelTest {
	if ctx := r.contextErr(x); ctx != nil {
		return &CancelTest{Kind: KindError, Sentinels: s, Ctx: ctx, Subject: r.subject(ctx), Grpc: grpc, Operand: x}
	}
	return &CancelTest{Kind: KindError, Sentinels: s, Err: x, Subject: r.subject(x), Grpc: grpc, Operand: x}
}

// contextErr returns the context of ctx.Err() or context.Cause(ctx), also
// through a local variable that holds one (cerr := ctx.Err()).
func (r *Recognizer) contextErr(e ast.Expr) ast.Expr {
	if ctx := ContextErrCall(r.Info, e); ctx != nil {
		return ctx
	}
	if o := r.value(e); o != nil {
		return ContextErrCall(r.Info, o)
	}
	return nil
}

// doneChan returns the context of ctx.Done(), also through a local
// variable that holds the channel.
func (r *Recognizer) doneChan(e ast.Expr) ast.Expr {
	if ctx := ContextMethodCall(r.Info, e, "Done"); ctx != nil {
		return ctx
	}
	if o := r.value(e); o != nil {
		return ContextMethodCall(r.Info, o, "Done")
	}
	return nil
}

// ReceiveDone recognises <-ctx.Done() as a done test.
func (r *Recognizer) ReceiveDone(e ast.Expr) *CancelTest {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	ctx := r.doneChan(u.X)
	if ctx == nil {
		return nil
	}
	return &CancelTest{Kind: KindDone, Sentinels: SentAny, Ctx: ctx, Subject: r.subject(ctx)}
}

// Comm recognises a select case that receives from ctx.Done().
func (r *Recognizer) Comm(cc *ast.CommClause) *CancelTest {
	recv := CommRecv(cc.Comm)
	if recv == nil {
		return nil
	}
	t := r.ReceiveDone(recv)
	if t != nil {
		t.Node = cc
	}
	return t
}

// CaseValue recognises the case value v of switch tag as a test:
// switch err { case context.Canceled: }, switch status.Code(err) { case codes.Canceled: }.
func (r *Recognizer) CaseValue(tag, v ast.Expr) (*CancelTest, bool) {
	t, eq := r.compare(tag, v)
	if t == nil {
		return nil, false
	}
	if !r.Deadline && t.Kind == KindError {
		t.Sentinels &^= SentDeadline
		if t.Sentinels == 0 {
			return nil, false
		}
	}
	t.Node = v
	return t, eq
}

// subject returns the variable or field an expression names, or nil.
func (r *Recognizer) subject(e ast.Expr) types.Object {
	if ctx := ContextErrCall(r.Info, e); ctx != nil {
		e = ctx
	}
	return SubjectOf(r.Info, e)
}

// SameSubject reports whether two tests read the same named value.
func SameSubject(x, y *CancelTest) bool {
	return x.Subject != nil && x.Subject == y.Subject && x.OnContext() == y.OnContext()
}

// isGRPCCode reports whether t is google.golang.org/grpc/codes.Code.
func isGRPCCode(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && IsPkgLevel(named.Obj(), GrpcCodes, "Code")
}

// ObservedContext reports whether ctx is the context t observes: the same
// variable or field, or, for a context t reads from a getter (unnamed:
// <-s.GetLifecycleContext().Done()), the same chain of selectors and
// calls without arguments — what a fix writes as its Err().
func (t *CancelTest) ObservedContext(info *types.Info, ctx ast.Expr) bool {
	if t.Subject != nil {
		return t.Subject == SubjectOf(info, ctx)
	}
	return t.Ctx != nil && getterChain(t.Ctx) && types.ExprString(ast.Unparen(t.Ctx)) == types.ExprString(ast.Unparen(ctx))
}

// getterChain reports whether e is an identifier followed by selectors
// and calls without arguments (s.GetLifecycleContext()).
func getterChain(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return true
		case *ast.SelectorExpr:
			e = x.X
		case *ast.CallExpr:
			if len(x.Args) != 0 {
				return false
			}
			e = x.Fun
		default:
			return false
		}
	}
}
