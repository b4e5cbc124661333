package analyzer

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

// sentinels is a set of the cancellation errors a test covers.
type sentinels uint8

const (
	sentCanceled sentinels = 1 << iota
	sentDeadline
	sentAny = sentCanceled | sentDeadline
)

// testKind is how a test observes cancellation.
type testKind uint8

const (
	kindError testKind = iota // singles out cancellation among failures
	kindDone                  // observes that a context is done
)

// cancelTest is one cancellation test in a function.
type cancelTest struct {
	node      ast.Node // condition, case value, case or comm clause, or <-ctx.Done() statement
	kind      testKind
	sentinels sentinels
	subject   types.Object // the tested variable or field, or nil for an unnamed value
	ctx       ast.Expr     // the context the test reads, if any
	err       ast.Expr     // the tested error expression, if the test reads a work error
	operand   ast.Expr     // the tested expression as written: err, ctx.Err(), cerr
	helper    *types.Func  // the predicate helper called, if any
	grpc      bool         // the test compares gRPC codes
	guard     bool         // a loop condition: it only proves the context live
	guardCtx  ast.Expr     // a context the test proves live when it fails (canceledByCaller)
	cond      ast.Expr     // the if condition the test is part of, if any
	index     int          // position in funcInfo.testList, from 1
}

// onContext reports whether the test reads a context rather than a work error.
func (t *cancelTest) onContext() bool { return t.ctx != nil && t.err == nil }

// testRef is a test found at a node, with the polarity of that node:
// positive when the node is true on cancellation.
type testRef struct {
	test     *cancelTest
	positive bool
}

// recognizer finds cancellation tests in the expressions of one function.
type recognizer struct {
	info       *types.Info
	deadline   bool                         // DeadlineExceeded counts as cancellation
	predicates func(*types.Func) *predicate // predicate helpers, by origin
	origin     func(*ast.Ident) ast.Expr    // the single value a local variable holds, or nil
}

// cond returns the test that expression e is, with its polarity.
func (r *recognizer) cond(e ast.Expr) (*cancelTest, bool) {
	t, pos := r.condRaw(e)
	if t == nil {
		return nil, false
	}
	if !r.deadline && t.kind == kindError {
		t.sentinels &^= sentDeadline
		if t.sentinels == 0 {
			return nil, false
		}
	}
	return t, pos
}

func (r *recognizer) condRaw(e ast.Expr) (*cancelTest, bool) {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ:
			t, eqMeansCancel := r.compare(e.X, e.Y)
			if t == nil {
				return nil, false
			}
			t.node = e
			return t, eqMeansCancel == (e.Op == token.EQL)
		case token.LOR, token.LAND:
			// a || b on one subject, both positive, is one test covering
			// both sentinels; so is a && b when both are negative
			// (err != context.Canceled && err != context.DeadlineExceeded).
			x, xp := r.condRaw(e.X)
			y, yp := r.condRaw(e.Y)
			if x == nil || y == nil || xp != yp || xp != (e.Op == token.LOR) || !sameSubject(x, y) {
				return nil, false
			}
			if !r.deadline && (r.deadlineOnly(x) || r.deadlineOnly(y)) {
				return nil, false // each side is a test of its own, or none
			}
			t := *x
			t.node = e
			t.sentinels |= y.sentinels
			if y.kind == kindError {
				t.kind = kindError
			}
			return &t, xp
		}
	case *ast.CallExpr:
		return r.call(e)
	case *ast.Ident:
		// canceled := errors.Is(err, context.Canceled); if canceled { … }
		if obj, ok := r.info.Uses[e].(*types.Var); ok && types.Identical(obj.Type(), types.Typ[types.Bool]) {
			if o := r.origin(e); o != nil {
				if _, isIdent := ast.Unparen(o).(*ast.Ident); !isIdent {
					t, pos := r.condRaw(o)
					if t != nil {
						t.node = e
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
func (r *recognizer) deadlineOnly(t *cancelTest) bool {
	return t.kind == kindError && t.sentinels == sentDeadline
}

// call recognises errors.Is(x, sentinel), errors.Is(x, ctx.Err()) and calls
// of predicate helpers.
func (r *recognizer) call(call *ast.CallExpr) (*cancelTest, bool) {
	fn := calleeFunc(r.info, call)
	if fn == nil {
		return nil, false
	}
	if isErrorsIs(fn) && len(call.Args) == 2 {
		t, eqMeansCancel := r.compare(call.Args[0], call.Args[1])
		if t == nil || !eqMeansCancel || t.kind == kindDone {
			return nil, false
		}
		t.node = call
		return t, true
	}
	if r.predicates == nil {
		return nil, false
	}
	p := r.predicates(fn)
	if p == nil || p.Param >= len(call.Args) {
		return nil, false
	}
	arg := call.Args[p.Param]
	t := &cancelTest{node: call, kind: kindError, sentinels: p.Sentinels, helper: fn, operand: arg}
	if p.Guard >= 0 && p.Guard < len(call.Args) {
		t.guardCtx = call.Args[p.Guard]
	}
	if p.OnContext {
		t.kind = kindDone
		t.ctx = arg
		t.subject = r.subject(arg)
	} else if ctx := r.contextErr(arg); ctx != nil {
		t.ctx = ctx
		t.subject = r.subject(ctx)
	} else {
		t.err = arg
		t.subject = r.subject(arg)
	}
	return t, true
}

// compare recognises x == y as a cancellation test, in either operand
// order; eqMeansCancel tells whether equality means cancellation.
func (r *recognizer) compare(x, y ast.Expr) (t *cancelTest, eqMeansCancel bool) {
	if t, eq := r.compareOrdered(x, y); t != nil {
		return t, eq
	}
	return r.compareOrdered(y, x)
}

func (r *recognizer) compareOrdered(x, y ast.Expr) (*cancelTest, bool) {
	// ctx.Err() == nil, context.Cause(ctx) != nil, cerr != nil
	if isNil(r.info, y) {
		if ctx := r.contextErr(x); ctx != nil {
			return &cancelTest{kind: kindDone, sentinels: sentAny, ctx: ctx, subject: r.subject(ctx), operand: x}, false
		}
		return nil, false
	}
	if s, grpc := sentinelOf(r.info, y); s != 0 {
		if grpc {
			// status.Code(err) == codes.Canceled, code == codes.Canceled
			if err := grpcCodeOf(r.info, x, r.origin); err != nil {
				return r.errorTest(err, s, true), true
			}
			if id, ok := ast.Unparen(x).(*ast.Ident); ok {
				if o := r.origin(id); o != nil {
					if err := grpcCodeOf(r.info, o, r.origin); err != nil {
						return r.errorTest(err, s, true), true
					}
				}
			}
			if isGRPCCode(r.info.TypeOf(x)) {
				return &cancelTest{kind: kindError, sentinels: s, subject: r.subject(x), grpc: true, operand: x}, true
			}
			return nil, false
		}
		if !isErrorLike(r.info.TypeOf(x)) {
			return nil, false
		}
		return r.errorTest(x, s, false), true
	}
	// err == ctx.Err(): a work error compared with its context's error.
	if ctx := contextErrCall(r.info, y); ctx != nil && isErrorLike(r.info.TypeOf(x)) && contextErrCall(r.info, x) == nil {
		return &cancelTest{kind: kindError, sentinels: sentAny, err: x, ctx: ctx, subject: r.subject(x), operand: x}, true
	}
	return nil, false
}

// errorTest builds a sentinel test of error expression x, which may itself
// be the error of a context (ctx.Err() == context.Canceled).
func (r *recognizer) errorTest(x ast.Expr, s sentinels, grpc bool) *cancelTest {
	if ctx := r.contextErr(x); ctx != nil {
		return &cancelTest{kind: kindError, sentinels: s, ctx: ctx, subject: r.subject(ctx), grpc: grpc, operand: x}
	}
	return &cancelTest{kind: kindError, sentinels: s, err: x, subject: r.subject(x), grpc: grpc, operand: x}
}

// contextErr returns the context of ctx.Err() or context.Cause(ctx), also
// through a local variable that holds one (cerr := ctx.Err()).
func (r *recognizer) contextErr(e ast.Expr) ast.Expr {
	if ctx := contextErrCall(r.info, e); ctx != nil {
		return ctx
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if o := r.origin(id); o != nil {
			return contextErrCall(r.info, o)
		}
	}
	return nil
}

// doneChan returns the context of ctx.Done(), also through a local
// variable that holds the channel.
func (r *recognizer) doneChan(e ast.Expr) ast.Expr {
	if ctx := contextMethodCall(r.info, e, "Done"); ctx != nil {
		return ctx
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if o := r.origin(id); o != nil {
			return contextMethodCall(r.info, o, "Done")
		}
	}
	return nil
}

// receiveDone recognises <-ctx.Done() as a done test.
func (r *recognizer) receiveDone(e ast.Expr) *cancelTest {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	ctx := r.doneChan(u.X)
	if ctx == nil {
		return nil
	}
	return &cancelTest{kind: kindDone, sentinels: sentAny, ctx: ctx, subject: r.subject(ctx)}
}

// comm recognises a select case that receives from ctx.Done().
func (r *recognizer) comm(cc *ast.CommClause) *cancelTest {
	recv := commRecv(cc.Comm)
	if recv == nil {
		return nil
	}
	t := r.receiveDone(recv)
	if t != nil {
		t.node = cc
	}
	return t
}

// caseValue recognises the case value v of switch tag as a test:
// switch err { case context.Canceled: }, switch status.Code(err) { case codes.Canceled: }.
func (r *recognizer) caseValue(tag, v ast.Expr) (*cancelTest, bool) {
	t, eq := r.compare(tag, v)
	if t == nil {
		return nil, false
	}
	if !r.deadline && t.kind == kindError {
		t.sentinels &^= sentDeadline
		if t.sentinels == 0 {
			return nil, false
		}
	}
	t.node = v
	return t, eq
}

// subject returns the variable or field an expression names, or nil.
func (r *recognizer) subject(e ast.Expr) types.Object {
	if ctx := contextErrCall(r.info, e); ctx != nil {
		e = ctx
	}
	return subjectOf(r.info, e)
}

// sameSubject reports whether two tests read the same named value.
func sameSubject(x, y *cancelTest) bool {
	return x.subject != nil && x.subject == y.subject && x.onContext() == y.onContext()
}

// isGRPCCode reports whether t is google.golang.org/grpc/codes.Code.
func isGRPCCode(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && isPkgLevel(named.Obj(), grpcCodes, "Code")
}
