package flow

// This file is the path walker: an abstract interpretation of one function
// body over the syntax tree. It carries a set of states (state.go) through
// statements, splits them at conditions, joins them after branches and
// iterates loops to a fixpoint, and records an outcome at every return,
// result send and loop continue.
//
// A walk has a target: one cancellation test. When a path evaluates the
// target it forks into a path where the test holds and one where it fails;
// other tests are evaluated consistently with the target when they read the
// same value, and taken both ways otherwise. Comparing the outcomes of the
// two phases is what tells a swallow (the cancellation is dropped where
// other failures are reported) from an error dropped alike on every path.
// A walk with no target forks at every test, to learn how the function
// completes when nothing was cancelled.
//
// The walker works on syntax rather than on go/cfg because the verdicts
// need the short-circuit structure of conditions (err != nil && !errors.Is(…))
// and the clause structure of select and switch, which the CFG discards.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// outcomeKind says what an outcome is.
type outcomeKind uint8

const (
	OutReturn   outcomeKind = iota // a return statement, or the end of the body
	OutSend                        // a send of an error on a result channel
	OutContinue                    // a continue that keeps looping after the test held
)

// Outcome is one way a path leaves the function, or reports on it.
type Outcome struct {
	Kind    outcomeKind
	Node    ast.Node // the return, send or continue statement, or the body for its end
	Site    ast.Node // where the swallow happened, if earlier than node
	Phase   phase
	Nl      nilness // of the reported error
	Literal bool    // nil spelled out, or a bare return of a nil named result
	Live    bool
	Sent    bool
	Looped  bool
	Last    uint16
	Helper  *types.Func // the suppressor helper whose result is returned
	Success bool        // a send on the success channel beside the error channel
	// Idle marks a continue in a loop whose work under the context comes
	// after the test: the continue skips it, and the next round tests
	// again, so the loop goes on without working (-strict's).
	Idle bool
}

// Walker follows one cancellation test through its function's paths
// (NewWalker, Run).
type Walker struct {
	info       *types.Info
	fn         *FuncInfo
	target     *recognize.CancelTest // nil: fork at every test
	suppressor func(*types.Func) *recognize.Suppressor
	cons       *recognize.Constructors

	frames  []*frame
	label   string    // label of the statement being entered
	ft      stateSet  // states falling through to the next case
	inlines []*inline // inlined literals being walked
	sites   []ast.Node
	out     map[Outcome]bool

	noLiveProof bool // forking the cases of a blocking select
}

// inline is a literal being walked in place of its call.
type inline struct {
	rets stateSet
}

// NewWalker returns the walker of target's paths in fn, with the
// cancellation helpers of h.
func NewWalker(info *types.Info, fn *FuncInfo, target *recognize.CancelTest, h *recognize.HelperSet) *Walker {
	return &Walker{info: info, fn: fn, target: target, suppressor: h.Suppressor, cons: h.Constructors, out: make(map[Outcome]bool)}
}

// Run walks the whole body and returns its outcomes.
func (w *Walker) Run() map[Outcome]bool {
	var entry state
	res := w.fn.Sig.Results()
	for i := range res.Len() {
		entry = entry.set(w.fn.varIndex(res.At(i)), CertainlyNil) // named results start as nil
	}
	end := w.block(w.fn.Body.List, stateSet{entry})
	for _, st := range w.runDefers(w.fn.Body.Rbrace, end) {
		w.record(Outcome{Kind: OutReturn, Node: w.fn.Body, Nl: w.namedNilness(st)}, st)
	}
	return w.out
}

func (w *Walker) record(o Outcome, st state) {
	o.Phase, o.Live, o.Sent, o.Last, o.Looped = st.phase, st.live, st.sent, st.last, st.looped
	w.out[o] = true
}

func (w *Walker) site(n ast.Node) uint16 {
	for i, s := range w.sites {
		if s == n {
			return uint16(i + 1)
		}
	}
	w.sites = append(w.sites, n)
	return uint16(len(w.sites))
}

func (w *Walker) siteNode(i uint16) ast.Node {
	if i == 0 {
		return nil
	}
	return w.sites[i-1]
}

// isTarget reports whether t is the test this walk forks at.
func (w *Walker) isTarget(t *recognize.CancelTest) bool {
	return w.target == nil || t == w.target
}

func (w *Walker) block(list []ast.Stmt, in stateSet) stateSet {
	for _, s := range list {
		if len(in) == 0 {
			return nil
		}
		in = w.stmt(s, in)
	}
	return in
}

func (w *Walker) stmt(s ast.Stmt, in stateSet) stateSet {
	out := w.stmtOnce(s, in)
	switch s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt, *ast.SendStmt:
		if blocks(w.info, s) {
			out = forgetLive(out)
		}
	}
	return out
}

func (w *Walker) stmtOnce(s ast.Stmt, in stateSet) stateSet {
	label := w.label
	w.label = ""
	switch s := s.(type) {
	case *ast.BlockStmt:
		return w.block(s.List, in)
	case *ast.LabeledStmt:
		w.label = s.Label.Name
		return w.stmt(s.Stmt, in)
	case *ast.ExprStmt:
		if ref, ok := w.fn.Tests[s]; ok {
			in = w.exprs(s.X, in)
			holds, fails := w.fork(ref.Test, in)
			if ref.Test.Quits {
				// waitReady(ctx): past it, the context may be done or not.
				return union(holds, fails)
			}
			// <-ctx.Done() as a statement: past it, the context is done.
			return holds
		}
		in = w.exprs(s.X, in)
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && recognize.IsNoReturn(w.info, call) {
			return nil
		}
		return in
	case *ast.AssignStmt:
		return w.assign(s, in)
	case *ast.DeclStmt:
		return w.decl(s, in)
	case *ast.SendStmt:
		return w.send(s, in)
	case *ast.ReturnStmt:
		w.ret(s, in)
		return nil
	case *ast.BranchStmt:
		w.branch(s, in)
		return nil
	case *ast.IfStmt:
		if s.Init != nil {
			in = w.stmt(s.Init, in)
		}
		t, f := w.cond(s.Cond, in)
		out := w.block(s.Body.List, t)
		if s.Else != nil {
			return union(out, w.stmt(s.Else, f))
		}
		return union(out, f)
	case *ast.ForStmt:
		return w.forLoop(s, label, in)
	case *ast.RangeStmt:
		return w.rangeLoop(s, label, in)
	case *ast.SwitchStmt:
		return w.switchStmt(s, label, in)
	case *ast.TypeSwitchStmt:
		return w.typeSwitch(s, label, in)
	case *ast.SelectStmt:
		return w.selectStmt(s, label, in)
	case *ast.IncDecStmt, *ast.EmptyStmt, *ast.GoStmt, *ast.DeferStmt:
		return in
	}
	return in
}

func (w *Walker) assign(s *ast.AssignStmt, in stateSet) stateSet {
	return w.bind(s, s.Lhs, s.Rhs, s.Tok, in)
}

// bind gives the variables lhs the values rhs, by an assignment or a var
// declaration (tok DEFINE) at statement s: one walk for both spellings.
func (w *Walker) bind(s ast.Stmt, lhs, rhs []ast.Expr, tok token.Token, in stateSet) stateSet {
	for _, r := range rhs {
		in = w.exprs(r, in)
	}
	handsOn := w.handsOnContext(lhs, rhs)
	var out stateSet
	for _, st := range in {
		if handsOn && st.phase == PhaseHolds {
			// The done context went to a callee whose error the task
			// keeps: from here on, that callee's verdict is the task's.
			st.phase = PhaseFails
		}
		for i, l := range lhs {
			v := w.varOf(l)
			if v < 0 {
				continue
			}
			nl := MaybeNil
			if len(lhs) == len(rhs) && (tok == token.ASSIGN || tok == token.DEFINE) {
				nl = w.nilness(rhs[i], st)
			}
			st = st.set(v, nl)
			if nl == CertainlyNil && st.phase == PhaseHolds && st.assign == 0 && w.target != nil && st.last == uint16(w.target.Index) {
				st.assign, st.assignVar = w.site(s), uint8(v+1)
			}
			if nl != CertainlyNil && st.phase == PhaseHolds && w.target != nil && st.last == uint16(w.target.Index) &&
				!w.target.OnContext() && w.fn.varIndex(w.target.Subject) == v {
				// The tested error is replaced by new work's result (the
				// next try of a loop): what follows answers that, not the
				// cancellation the test saw.
				st.last = 0
			}
		}
		out = out.add(st)
	}
	return out
}

// handsOnContext reports whether s assigns to a tracked error variable the
// error of a call that is passed the context of a done observation being
// examined: `err = flush(ctx)` after `<-ctx.Done()`. A callee handed a done
// context reports the cancellation itself, as most do, so a nil it returns
// means its work completed regardless.
func (w *Walker) handsOnContext(lhs, rhs []ast.Expr) bool {
	t := w.target
	if t == nil || !t.OnContext() || t.Subject == nil || len(rhs) != 1 {
		return false
	}
	call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
	if !ok {
		return false
	}
	passed := false
	for _, arg := range call.Args {
		if recognize.SubjectOf(w.info, arg) == t.Subject {
			passed = true
		}
	}
	if !passed {
		return false
	}
	// The call's error result must land in a tracked variable.
	errAt := len(lhs) - 1
	if tuple, ok := w.info.TypeOf(call).(*types.Tuple); ok {
		if tuple.Len() != len(lhs) || !recognize.IsErrorType(tuple.At(errAt).Type()) {
			return false
		}
	} else if len(lhs) != 1 || !recognize.IsErrorType(w.info.TypeOf(call)) {
		return false
	}
	return w.varOf(lhs[errAt]) >= 0
}

func (w *Walker) decl(s *ast.DeclStmt, in stateSet) stateSet {
	gd, ok := s.Decl.(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR {
		return in
	}
	for _, spec := range gd.Specs {
		vs := spec.(*ast.ValueSpec)
		names := recognize.SpecNames(vs)
		if len(vs.Values) > 0 {
			in = w.bind(s, names, vs.Values, token.DEFINE, in) // var x, err = f(): x, err := f()
			continue
		}
		var out stateSet
		for _, st := range in {
			for _, name := range vs.Names {
				st = st.set(w.fn.varIndex(w.info.Defs[name]), CertainlyNil) // the zero value
			}
			out = out.add(st)
		}
		in = out
	}
	return in
}

// send records an error sent on a channel by a function that reports
// through channels.
func (w *Walker) send(s *ast.SendStmt, in stateSet) stateSet {
	in = w.exprs(s.Value, in)
	ch := recognize.SubjectOf(w.info, s.Chan)
	if ch != nil && w.fn.SuccessChans[ch] {
		// f.results <- r beside f.errs <- err: the outcome is reported.
		var out stateSet
		for _, st := range in {
			w.record(Outcome{Kind: OutSend, Node: s, Nl: CertainlyNil, Success: true}, st)
			st.sent = true
			out = out.add(st)
		}
		return out
	}
	if ch == nil || w.fn.ResultChans[ch] == nil {
		return in
	}
	sentVar := w.varOf(s.Value)
	var out stateSet
	for _, st := range in {
		o := Outcome{Kind: OutSend, Node: s, Nl: w.nilness(s.Value, st), Literal: recognize.IsNil(w.info, s.Value)}
		if o.Nl == CertainlyNil && st.assign != 0 && int(st.assignVar)-1 == sentVar {
			o.Site = w.siteNode(st.assign) // err = nil; errc <- err
		}
		w.record(o, st)
		st.sent = true
		out = out.add(st)
	}
	return out
}

func (w *Walker) ret(r *ast.ReturnStmt, in stateSet) {
	for _, e := range r.Results {
		in = w.exprs(e, in)
	}
	if n := len(w.inlines); n > 0 {
		w.inlines[n-1].rets = union(w.inlines[n-1].rets, in)
		return
	}
	fn := w.fn
	for _, st := range in {
		nl, literal, retVar := MaybeNil, false, -1
		var helper *types.Func
		switch {
		case fn.ErrIdx < 0:
			nl = CertainlyNil // no error result: a return reports nothing
		case len(r.Results) == 0:
			retVar = fn.varIndex(fn.named)
			nl = st.get(retVar)
			literal = nl == CertainlyNil
		case len(r.Results) == fn.Sig.Results().Len():
			e := r.Results[fn.ErrIdx]
			nl, literal, retVar = w.nilness(e, st), recognize.IsNil(w.info, e), w.varOf(e)
			helper = w.suppressorCall(e)
			if named := fn.varIndex(fn.named); named >= 0 {
				st = st.set(named, nl)
				if retVar < 0 {
					retVar = named
				}
			}
		}
		for _, end := range w.runDefers(r.Pos(), stateSet{st}) {
			o := Outcome{Kind: OutReturn, Node: r, Nl: nl, Literal: literal, Helper: helper}
			if fn.named != nil {
				if n := w.namedNilness(end); n != nl {
					o.Nl, o.Literal = n, false
				}
			}
			resVar := retVar
			if fn.named != nil && end.assign != st.assign {
				// A deferred call cleared the named result: that is what returns.
				resVar = fn.varIndex(fn.named)
			}
			if o.Nl == CertainlyNil && end.assign != 0 && int(end.assignVar)-1 == resVar {
				o.Site = w.siteNode(end.assign)
			}
			if end.cont != 0 {
				o.Site = w.siteNode(end.cont)
			}
			w.record(o, end)
		}
	}
}

func (w *Walker) namedNilness(st state) nilness {
	return st.get(w.fn.varIndex(w.fn.named))
}

// runDefers walks the inlined deferred literals registered before pos.
func (w *Walker) runDefers(pos token.Pos, in stateSet) stateSet {
	for i := len(w.fn.defers) - 1; i >= 0; i-- {
		if lit := w.fn.defers[i]; deferPos(w.fn, lit) < pos {
			in = w.inline(lit, in, false)
		}
	}
	return in
}

// exprs walks the inlined literals called within e.
func (w *Walker) exprs(e ast.Node, in stateSet) stateSet {
	if e == nil || len(w.fn.inlined) == 0 {
		return in
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && w.fn.heldAt[id] != nil {
			n = w.fn.heldAt[id] // once.Do(fn), with fn := func() {…}
		}
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		if w.fn.inlined[lit] && !w.isDeferLit(lit) {
			in = w.inline(lit, in, true)
		}
		return false
	})
	return in
}

func (w *Walker) isDeferLit(lit *ast.FuncLit) bool {
	for _, d := range w.fn.defers {
		if d == lit {
			return true
		}
	}
	return false
}

// inline walks a literal's body where it is called; optional when the
// callee may not call it (sync.Once.Do on a second call).
func (w *Walker) inline(lit *ast.FuncLit, in stateSet, optional bool) stateSet {
	frames := w.frames
	w.frames = []*frame{nil}
	w.inlines = append(w.inlines, &inline{})
	out := w.block(lit.Body.List, in)
	out = union(out, w.inlines[len(w.inlines)-1].rets)
	w.inlines = w.inlines[:len(w.inlines)-1]
	w.frames = frames
	if optional {
		out = union(in, out)
	}
	return out
}

// varOf returns the tracked variable e names, or -1.
func (w *Walker) varOf(e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || e == nil {
		return -1
	}
	return w.fn.varIndex(w.info.ObjectOf(id))
}

// nilness returns what is known of error expression e in state st.
func (w *Walker) nilness(e ast.Expr, st state) nilness {
	switch {
	case recognize.IsNil(w.info, e):
		return CertainlyNil
	case w.varOf(e) >= 0:
		return st.get(w.varOf(e))
	case recognize.ConstructedError(w.info, e, w.cons):
		return CertainlyNonNil
	}
	for _, arg := range recognize.WrappedErrors(w.info, e, w.cons) {
		if w.nilness(arg, st) == CertainlyNonNil {
			return CertainlyNonNil
		}
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && w.target != nil && w.target.OnContext() {
		// ctx.Err() on the path where the target found ctx done, or live.
		if ctx := recognize.ContextErrCall(w.info, call); ctx != nil && w.target.ObservedContext(w.info, ctx) {
			switch {
			case st.phase == PhaseHolds:
				return CertainlyNonNil
			case st.phase == PhaseFails && w.target.Kind == recognize.KindDone:
				return CertainlyNil
			}
		}
	}
	return MaybeNil
}

// suppressorCall returns the suppressor helper e calls, or nil.
func (w *Walker) suppressorCall(e ast.Expr) *types.Func {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || w.suppressor == nil {
		return nil
	}
	if fn := recognize.CalleeFunc(w.info, call); fn != nil && w.suppressor(fn) != nil {
		return fn
	}
	return nil
}

// blocks reports whether statement s waits or works: it sends or receives
// on a channel, or calls a function that is handed a context. A liveness
// check made before it says nothing of what the context is after it.
func blocks(info *types.Info, s ast.Stmt) bool {
	if _, ok := s.(*ast.SendStmt); ok {
		return true
	}
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		case *ast.CallExpr:
			for _, arg := range n.Args {
				if recognize.IsContextType(info.TypeOf(arg)) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// forgetLive drops what earlier liveness checks proved.
func forgetLive(in stateSet) stateSet {
	var out stateSet
	for _, st := range in {
		st.live = false
		out = out.add(st)
	}
	return out
}
