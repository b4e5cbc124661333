package cancelhelpers

// This file finds the package's cancellation helpers, so that the later
// steps treat a call of one like the test it wraps:
//
//   - a predicate, func isCanceled(err error) bool, is true only on
//     cancellation of one of its arguments: every return is a cancellation
//     test of that argument (or a disjunction of such tests), true inside
//     the branch where such a test holds, or false;
//   - a suppressor, func ignoreCanceled(err error) error, returns nil when
//     its error argument is a cancellation and passes other failures on:
//     exactly a swallow by the walker's own criterion, on an argument.
//
// Helpers are keyed by *types.Func (its generic origin), the key an
// analysis.Fact would use, so that helpers of other packages can join them.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/swallows"
)

// Find finds the package's predicates and suppressors and exports
// them as facts. Only functions whose signature can be a helper's are
// examined: a bool result and an error or context parameter, or an error
// result and an error parameter.
func Find(pass *analysis.Pass, values *flow.ValueIndex, isLauncherCall func(*ast.CallExpr) bool, deadline bool, cons *recognize.Constructors) *recognize.HelperSet {
	info := pass.TypesInfo
	h := &recognize.HelperSet{
		Pass:        pass,
		Predicates:  make(map[*types.Func]*recognize.Predicate),
		Suppressors: make(map[*types.Func]*recognize.Suppressor),
		Quitters:    make(map[*types.Func]*recognize.Quitter),

		Constructors: cons,
	}
	var preds, sups, quits []*ast.FuncDecl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := info.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			sig := fn.Type().(*types.Signature)
			switch {
			case testableParam(sig) && sig.Results().Len() == 1 && isBool(sig.Results().At(0).Type()):
				preds = append(preds, fd)
			case errorParam(sig) && recognize.ErrorResult(sig) >= 0:
				sups = append(sups, fd)
			case recognize.ErrorResult(sig) < 0 && recognize.HasContextParam(sig):
				quits = append(quits, fd)
			}
		}
	}
	// Helpers may call one another: repeat until nothing new is found.
	for changed := true; changed; {
		changed = false
		for _, fd := range preds {
			fn := info.Defs[fd.Name].(*types.Func)
			if h.Predicates[fn] != nil {
				continue
			}
			if p := predicateOf(info, fd, fn, h, values, deadline); p != nil {
				h.Predicates[fn] = p
				changed = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fd := range sups {
			fn := info.Defs[fd.Name].(*types.Func)
			if h.Suppressors[fn] != nil {
				continue
			}
			if s := suppressorOf(info, fd, fn, h, values, isLauncherCall, deadline); s != nil {
				h.Suppressors[fn] = s
				changed = true
			}
		}
	}
	for _, fd := range quits {
		fn := info.Defs[fd.Name].(*types.Func)
		if q := quitterOf(info, fd, fn, values, deadline); q != nil {
			h.Quitters[fn] = q
		}
	}
	exported := false
	for _, fd := range quits {
		fn := info.Defs[fd.Name].(*types.Func)
		if q := h.Quitters[fn]; q != nil {
			pass.ExportObjectFact(fn, q)
			exported = true
		}
	}
	for _, fd := range preds {
		fn := info.Defs[fd.Name].(*types.Func)
		if p := h.Predicates[fn]; p != nil {
			pass.ExportObjectFact(fn, p)
			exported = true
		}
	}
	for _, fd := range sups {
		fn := info.Defs[fd.Name].(*types.Func)
		if s := h.Suppressors[fn]; s != nil {
			pass.ExportObjectFact(fn, s)
			exported = true
		}
	}
	if exported {
		pass.ExportPackageFact(&recognize.HasHelpers{})
	}
	return h
}

// predicateOf returns the predicate fd is, or nil. Every return must be a
// cancellation test of one parameter (or a disjunction of such tests and
// of checks that the error belongs to a class given by an interface type,
// as in errdefs' errors.Is(err, context.Canceled) || isInterface[cancelled](err)),
// true inside the branch where such a test holds, or false. A predicate
// that returns false unless a context parameter is done carries that
// parameter as its guard.
func predicateOf(info *types.Info, fd *ast.FuncDecl, fn *types.Func, h *recognize.HelperSet, values *flow.ValueIndex, deadline bool) *recognize.Predicate {
	sig := fn.Type().(*types.Signature)
	r := &recognize.Recognizer{Info: info, Deadline: deadline, Predicates: h.Predicate, Origin: values.Origin}

	p := &recognize.Predicate{Param: -1, Guard: -1}
	ok, tested, mixed := true, false, false
	// note merges one test into p; all must test the same parameter.
	note := func(t *recognize.CancelTest) {
		param := paramIndex(sig, t.Subject)
		if param < 0 || tested && (p.Param != param || p.OnContext != t.OnContext()) {
			ok = false
			return
		}
		p.Param, p.OnContext, tested = param, t.OnContext(), true
		p.Sentinels |= t.Sentinels
	}
	ast.PreorderStack(recognize.BodyOf(fd.Body), nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false
				return false
			}
			e := n.Results[0]
			if v, isConst := recognize.BoolConst(info, e); isConst {
				if v {
					if t := holdingTest(r, stack); t != nil {
						note(t)
					} else if readsParam(info, sig, enclosingCond(stack)) {
						mixed = true // if errors.As(err, &te) && te.Timeout() { return true }
					} else {
						ok = false
					}
				} else if g := guardOf(r, sig, stack); g >= 0 && !tested {
					p.Guard = g // if stopCtx.Err() == nil { return false }
				}
				return false
			}
			tests, guard := predicateExpr(r, sig, withoutNilCheck(info, e))
			if tests == nil {
				// errors.Is(err, context.Canceled) || isTimeout(err)
				if tests = mixedExpr(r, sig, e); tests == nil {
					ok = false
					return false
				}
				mixed = true
			}
			for _, t := range tests {
				note(t)
			}
			if guard >= 0 {
				p.Guard = guard
			}
			return false
		}
		return ok
	})
	if !ok || !tested || p.Sentinels == 0 || p.Guard == p.Param || mixed && (p.OnContext || p.Guard >= 0) {
		return nil
	}
	p.Mixed = mixed
	return p
}

// mixedExpr returns the cancellation tests of a disjunction that also
// holds for other classes of the same error: every operand is a test of
// the parameter or reads nothing but it (isTimeout(err), errors.As(err,
// &te) && te.Timeout()), and at least one is a test.
func mixedExpr(r *recognize.Recognizer, sig *types.Signature, e ast.Expr) []*recognize.CancelTest {
	var tests []*recognize.CancelTest
	var operands func(e ast.Expr) bool
	operands = func(e ast.Expr) bool {
		if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.LOR {
			return operands(b.X) && operands(b.Y)
		}
		if ts, _ := predicateExpr(r, sig, e); ts != nil {
			tests = append(tests, ts...)
			return true
		}
		return readsParam(r.Info, sig, e)
	}
	if !operands(e) || len(tests) == 0 {
		return nil
	}
	return tests
}

// enclosingCond returns the condition of the if whose body or else holds
// the end of stack directly, or nil.
func enclosingCond(stack []ast.Node) ast.Expr {
	if len(stack) < 2 {
		return nil
	}
	ifs, ok := stack[len(stack)-2].(*ast.IfStmt)
	if !ok || ifs.Body != stack[len(stack)-1] && ifs.Else != stack[len(stack)-1] {
		return nil
	}
	return ifs.Cond
}

// readsParam reports whether e reads an error parameter of sig: it
// classifies the error (isTimeout(err), errors.As(err, &te) && te.Timeout()).
func readsParam(info *types.Info, sig *types.Signature, e ast.Expr) bool {
	if e == nil {
		return false
	}
	reads := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && paramIndex(sig, v) >= 0 && recognize.IsErrorLike(v.Type()) {
				reads = true
			}
		}
		return !reads
	})
	return reads
}

// predicateExpr returns the tests a predicate's returned expression makes:
// one test, a disjunction of tests and error-class checks, or a test
// conjoined with a done test of a context parameter (its guard).
func predicateExpr(r *recognize.Recognizer, sig *types.Signature, e ast.Expr) ([]*recognize.CancelTest, int) {
	if t, pos := r.CondNegated(e); t != nil {
		if !pos {
			return nil, -1
		}
		return []*recognize.CancelTest{t}, -1
	}
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok {
		return nil, -1
	}
	switch b.Op {
	case token.LAND: // ctx.Err() != nil && errors.Is(err, context.Canceled)
		for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			g, pos := r.CondNegated(pair[0])
			if g == nil || !pos || g.Kind != recognize.KindDone {
				continue
			}
			guard := paramIndex(sig, g.Subject)
			if tests, _ := predicateExpr(r, sig, pair[1]); tests != nil && guard >= 0 {
				return tests, guard
			}
		}
	case token.LOR:
		x, _ := predicateExpr(r, sig, b.X)
		y, _ := predicateExpr(r, sig, b.Y)
		switch {
		case x != nil && y != nil:
			return append(x, y...), -1
		case x != nil && isErrorClassCheck(r.Info, b.Y):
			return x, -1
		case y != nil && isErrorClassCheck(r.Info, b.X):
			return y, -1
		}
	}
	return nil, -1
}

// isErrorClassCheck reports whether e checks that an error belongs to a
// class given by an interface type: a generic function instantiated with
// an interface type and called on the error alone (isInterface[cancelled](err)).
func isErrorClassCheck(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !recognize.IsErrorLike(info.TypeOf(call.Args[0])) {
		return false
	}
	var index []ast.Expr
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.IndexExpr:
		index = []ast.Expr{fun.Index}
	case *ast.IndexListExpr:
		index = fun.Indices
	}
	if len(index) != 1 {
		return false
	}
	tv, ok := info.Types[index[0]]
	return ok && tv.IsType() && types.IsInterface(tv.Type)
}

// guardOf returns the context parameter whose liveness sends a `return
// false` at the end of stack: if stopCtx.Err() == nil || … { return false }.
func guardOf(r *recognize.Recognizer, sig *types.Signature, stack []ast.Node) int {
	if len(stack) < 2 {
		return -1
	}
	ifs, ok := stack[len(stack)-2].(*ast.IfStmt)
	if !ok || ifs.Body != stack[len(stack)-1] && ifs.Else != stack[len(stack)-1] {
		return -1
	}
	// The condition under which the branch runs, seen through negation.
	cond, holds := ifs.Cond, ifs.Body == stack[len(stack)-1]
	for {
		u, ok := ast.Unparen(cond).(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			break
		}
		cond, holds = u.X, !holds
	}
	if !holds {
		return -1
	}
	var operands []ast.Expr
	var flatten func(e ast.Expr)
	flatten = func(e ast.Expr) {
		if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.LOR {
			flatten(b.X)
			flatten(b.Y)
			return
		}
		operands = append(operands, e)
	}
	flatten(cond)
	for _, op := range operands {
		if t, pos := r.CondNegated(op); t != nil && !pos && t.Kind == recognize.KindDone {
			return paramIndex(sig, t.Subject)
		}
	}
	return -1
}

// holdingTest returns the test whose holding branch encloses the end of
// stack: the then-branch of a positive test, the else-branch of a negative
// one, a case that tests, or a select case that receives from ctx.Done().
func holdingTest(r *recognize.Recognizer, stack []ast.Node) *recognize.CancelTest {
	for i := len(stack) - 1; i >= 1; i-- {
		switch n := stack[i].(type) {
		case *ast.BlockStmt:
			if s, ok := stack[i-1].(*ast.IfStmt); ok {
				t, pos := r.CondNegated(s.Cond)
				if t != nil && (s.Body == n) == pos {
					return t
				}
				return nil
			}
		case *ast.CaseClause:
			sw, ok := stack[i-2].(*ast.SwitchStmt)
			if !ok || len(n.List) != 1 {
				return nil
			}
			if sw.Tag == nil {
				if t, pos := r.CondNegated(n.List[0]); t != nil && pos {
					return t
				}
			} else if t, pos := r.CaseValue(sw.Tag, n.List[0]); t != nil && pos {
				return t
			}
			return nil
		case *ast.CommClause:
			return r.Comm(n)
		}
	}
	return nil
}

// suppressorOf returns the suppressor fd is, or nil: a test of an error
// argument whose holding branch returns nil while other failures are
// passed on, or a direct return of another suppressor on that argument.
func suppressorOf(info *types.Info, fd *ast.FuncDecl, fn *types.Func, h *recognize.HelperSet, values *flow.ValueIndex, isLauncherCall func(*ast.CallExpr) bool, deadline bool) *recognize.Suppressor {
	sig := fn.Type().(*types.Signature)
	fi := &flow.FuncInfo{Info: info, Node: fd, Body: recognize.BodyOf(fd.Body), Sig: sig, Obj: fn, ErrIdx: recognize.ErrorResult(sig)}
	if fi.Body != fd.Body {
		fi.Node = recognize.LitWithBody(fd, fi.Body) // return func() error { … }(): the literal's body is the function's
	}
	flow.ScanFunc(info, fi, isLauncherCall)
	r := &recognize.Recognizer{Info: info, Deadline: deadline, Predicates: h.Predicate, Origin: values.Origin}
	flow.CollectTests(fi, r)
	var s *recognize.Suppressor
	for _, t := range fi.TestList {
		param := paramIndex(sig, t.Subject)
		if t.OnContext() || param < 0 || t.Guard {
			continue
		}
		outs := flow.NewWalker(info, fi, t, h).Run()
		if !swallows.Differs(outs) {
			continue
		}
		for o := range outs {
			if o.Phase == flow.PhaseHolds && o.Kind == flow.OutReturn && o.Nl == flow.CertainlyNil && o.Last == uint16(t.Index) {
				if s == nil {
					s = &recognize.Suppressor{Param: param}
				}
				s.Sentinels |= t.Sentinels
			}
		}
	}
	if s != nil {
		return s
	}
	// A wrapper: return ignoreCanceled(err).
	ast.Inspect(fi.Body, func(n ast.Node) bool {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || s != nil || fi.ErrIdx >= len(ret.Results) {
			return s == nil
		}
		call, ok := ast.Unparen(ret.Results[fi.ErrIdx]).(*ast.CallExpr)
		if !ok {
			return true
		}
		if inner := h.Suppressor(recognize.CalleeFunc(info, call)); inner != nil && inner.Param < len(call.Args) {
			if param := paramIndex(sig, recognize.SubjectOf(info, call.Args[inner.Param])); param >= 0 {
				s = &recognize.Suppressor{Param: param, Sentinels: inner.Sentinels}
			}
		}
		return true
	})
	return s
}

// paramIndex returns the index of parameter obj in sig, or -1.
func paramIndex(sig *types.Signature, obj types.Object) int {
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == obj {
			return i
		}
	}
	return -1
}

// withoutNilCheck strips `err != nil &&` from a predicate's expression.
func withoutNilCheck(info *types.Info, e ast.Expr) ast.Expr {
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.LAND {
		if nb, ok := ast.Unparen(b.X).(*ast.BinaryExpr); ok && nb.Op == token.NEQ && (recognize.IsNil(info, nb.X) || recognize.IsNil(info, nb.Y)) {
			return b.Y
		}
	}
	return e
}

func isBool(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// testableParam reports whether sig takes an error or a context.
func testableParam(sig *types.Signature) bool {
	return errorParam(sig) || recognize.HasContextParam(sig)
}

func errorParam(sig *types.Signature) bool {
	for i := range sig.Params().Len() {
		if recognize.IsErrorLike(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// quitterOf returns the quitter fd is, or nil: a function without an error
// result that returns as soon as a context parameter ends — a select case
// on its Done() that returns, or ends the body; an if on its Err() that
// returns — while some other path of it ends otherwise.
//
//	func waitReady(ctx context.Context, ready <-chan struct{}) {
//		select {
//		case <-ctx.Done():
//		case <-ready:
//		}
//	}
func quitterOf(info *types.Info, fd *ast.FuncDecl, fn *types.Func, values *flow.ValueIndex, deadline bool) *recognize.Quitter {
	sig := fn.Type().(*types.Signature)
	r := &recognize.Recognizer{Info: info, Deadline: deadline, Origin: values.Origin}
	body := recognize.BodyOf(fd.Body)
	if len(body.List) == 0 {
		return nil
	}
	param, sends := -1, false
	leaves := func(list []ast.Stmt, stmt ast.Stmt) bool {
		if len(list) > 0 {
			if _, ok := list[len(list)-1].(*ast.ReturnStmt); ok {
				return true
			}
		}
		// The case falls out of a select that ends the body.
		last := body.List[len(body.List)-1]
		for _, s := range list {
			if _, ok := s.(*ast.BranchStmt); ok {
				return false
			}
		}
		return last == stmt
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			if recognize.IsErrorChan(info.TypeOf(n.Chan)) {
				sends = true // it reports through a channel: a task of its own
			}
		case *ast.SelectStmt:
			// select { case <-ctx.Done(): …; case <-ready: } — the wait ends
			// either way.
			done, other := -1, false
			for _, c := range n.Body.List {
				cc := c.(*ast.CommClause)
				if t := r.Comm(cc); t != nil && t.OnContext() {
					if i := paramIndex(sig, t.Subject); i >= 0 && leaves(cc.Body, n) {
						done = i
					}
				} else if leaves(cc.Body, n) {
					other = true
				}
			}
			if done >= 0 && other {
				param = done
			}
		case *ast.IfStmt:
			// for i := range steps { if ctx.Err() != nil { return } … }
			if t, pos := r.CondNegated(n.Cond); t != nil && t.Kind == recognize.KindDone && t.OnContext() {
				held, ok := recognize.BranchOf(n, pos).(*ast.BlockStmt) // the branch where ctx is done
				if i := paramIndex(sig, t.Subject); i >= 0 && ok && leaves(held.List, nil) && endsByItself(body) {
					param = i
				}
			}
		}
		return true
	})
	if param < 0 || sends {
		return nil
	}
	return &recognize.Quitter{Param: param}
}

// endsByItself reports whether body can end without a return: its last
// statement is not an endless for loop.
func endsByItself(body *ast.BlockStmt) bool {
	if len(body.List) == 0 {
		return true
	}
	f, ok := body.List[len(body.List)-1].(*ast.ForStmt)
	return !ok || f.Cond != nil
}
