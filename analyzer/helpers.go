package analyzer

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
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// predicate describes a cancellation predicate helper.
type predicate struct {
	param     int  // the argument it tests
	onContext bool // the argument is a context (isDone(ctx))
	sentinels sentinels
}

func (p *predicate) String() string {
	return fmt.Sprintf("predicate(%d, %s)", p.param, p.sentinels)
}

// suppressor describes a helper that maps cancellation to nil.
type suppressor struct {
	param     int
	sentinels sentinels
}

func (s *suppressor) String() string {
	return fmt.Sprintf("suppressor(%d, %s)", s.param, s.sentinels)
}

func (s sentinels) String() string {
	var parts []string
	if s&sentCanceled != 0 {
		parts = append(parts, "Canceled")
	}
	if s&sentDeadline != 0 {
		parts = append(parts, "DeadlineExceeded")
	}
	return strings.Join(parts, "|")
}

// helperSet is the helpers known to a pass.
type helperSet struct {
	predicates  map[*types.Func]*predicate
	suppressors map[*types.Func]*suppressor
}

func (h *helperSet) predicate(fn *types.Func) *predicate   { return h.predicates[fn] }
func (h *helperSet) suppressor(fn *types.Func) *suppressor { return h.suppressors[fn] }

// findHelpers finds the predicates and suppressors declared in files.
func (c *checker) findHelpers(info *types.Info, files []*ast.File, values *valueIndex, isLauncherCall func(*ast.CallExpr) bool) *helperSet {
	h := &helperSet{
		predicates:  make(map[*types.Func]*predicate),
		suppressors: make(map[*types.Func]*suppressor),
	}
	var preds, sups []*ast.FuncDecl
	for _, f := range files {
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
			case errorParam(sig) && errorResult(sig) >= 0:
				sups = append(sups, fd)
			}
		}
	}
	// Predicates may call one another: repeat until nothing new is found.
	for changed := true; changed; {
		changed = false
		for _, fd := range preds {
			fn := info.Defs[fd.Name].(*types.Func)
			if h.predicates[fn] != nil {
				continue
			}
			if p := c.predicateOf(info, fd, fn, h, values, isLauncherCall); p != nil {
				h.predicates[fn] = p
				changed = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fd := range sups {
			fn := info.Defs[fd.Name].(*types.Func)
			if h.suppressors[fn] != nil {
				continue
			}
			if s := c.suppressorOf(info, fd, fn, h, values, isLauncherCall); s != nil {
				h.suppressors[fn] = s
				changed = true
			}
		}
	}
	return h
}

// predicateOf returns the predicate fd is, or nil.
func (c *checker) predicateOf(info *types.Info, fd *ast.FuncDecl, fn *types.Func, h *helperSet, values *valueIndex, isLauncherCall func(*ast.CallExpr) bool) *predicate {
	sig := fn.Type().(*types.Signature)
	fi := &funcInfo{info: info, node: fd, body: fd.Body, sig: sig, obj: fn, errIdx: -1}
	scanFunc(info, fi, isLauncherCall)
	r := &recognizer{info: info, deadline: c.opts.Deadline, predicates: h.predicate, origin: values.origin}

	var p *predicate
	ok := true
	// note merges one test into p; all must test the same parameter.
	note := func(t *cancelTest) {
		param := paramIndex(sig, t.subject)
		if param < 0 || p != nil && (p.param != param || p.onContext != t.onContext()) {
			ok = false
			return
		}
		if p == nil {
			p = &predicate{param: param, onContext: t.onContext()}
		}
		p.sentinels |= t.sentinels
	}
	ast.PreorderStack(fd.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false
				return false
			}
			e := n.Results[0]
			if v, isConst := boolConst(info, e); isConst {
				if v {
					if t := holdingTest(r, stack); t != nil {
						note(t)
					} else {
						ok = false
					}
				}
				return false
			}
			if t, pos := r.cond(withoutNilCheck(info, e)); t != nil && pos {
				note(t)
			} else {
				ok = false
			}
			return false
		}
		return ok
	})
	if !ok || p == nil || p.sentinels == 0 {
		return nil
	}
	return p
}

// holdingTest returns the test whose holding branch encloses the end of
// stack: the then-branch of a positive test, the else-branch of a negative
// one, a case that tests, or a select case that receives from ctx.Done().
func holdingTest(r *recognizer, stack []ast.Node) *cancelTest {
	for i := len(stack) - 1; i >= 1; i-- {
		switch n := stack[i].(type) {
		case *ast.BlockStmt:
			if s, ok := stack[i-1].(*ast.IfStmt); ok {
				t, pos := r.cond(s.Cond)
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
				if t, pos := r.cond(n.List[0]); t != nil && pos {
					return t
				}
			} else if t, pos := r.caseValue(sw.Tag, n.List[0]); t != nil && pos {
				return t
			}
			return nil
		case *ast.CommClause:
			return r.comm(n)
		}
	}
	return nil
}

// suppressorOf returns the suppressor fd is, or nil: a test of an error
// argument whose holding branch returns nil while other failures are
// passed on, or a direct return of another suppressor on that argument.
func (c *checker) suppressorOf(info *types.Info, fd *ast.FuncDecl, fn *types.Func, h *helperSet, values *valueIndex, isLauncherCall func(*ast.CallExpr) bool) *suppressor {
	sig := fn.Type().(*types.Signature)
	fi := &funcInfo{info: info, node: fd, body: fd.Body, sig: sig, obj: fn, errIdx: errorResult(sig)}
	scanFunc(info, fi, isLauncherCall)
	r := &recognizer{info: info, deadline: c.opts.Deadline, predicates: h.predicate, origin: values.origin}
	collectTests(fi, r)
	var s *suppressor
	for _, t := range fi.testList {
		param := paramIndex(sig, t.subject)
		if t.onContext() || param < 0 || t.guard {
			continue
		}
		outs := newWalker(info, fi, t, h.suppressor).run()
		if !differs(outs) {
			continue
		}
		for o := range outs {
			if o.phase == phaseHolds && o.kind == outReturn && o.nl == certainlyNil && o.last == uint16(t.index) {
				if s == nil {
					s = &suppressor{param: param}
				}
				s.sentinels |= t.sentinels
			}
		}
	}
	if s != nil {
		return s
	}
	// A wrapper: return ignoreCanceled(err).
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || s != nil || fi.errIdx >= len(ret.Results) {
			return s == nil
		}
		call, ok := ast.Unparen(ret.Results[fi.errIdx]).(*ast.CallExpr)
		if !ok {
			return true
		}
		if inner := h.suppressor(calleeFunc(info, call)); inner != nil && inner.param < len(call.Args) {
			if param := paramIndex(sig, subjectOf(info, call.Args[inner.param])); param >= 0 {
				s = &suppressor{param: param, sentinels: inner.sentinels}
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
		if nb, ok := ast.Unparen(b.X).(*ast.BinaryExpr); ok && nb.Op == token.NEQ && (isNil(info, nb.X) || isNil(info, nb.Y)) {
			return b.Y
		}
	}
	return e
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// testableParam reports whether sig takes an error or a context.
func testableParam(sig *types.Signature) bool {
	return errorParam(sig) || hasContextParam(sig)
}

func errorParam(sig *types.Signature) bool {
	for i := range sig.Params().Len() {
		if isErrorLike(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}
