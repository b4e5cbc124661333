package ownership

// This file finds where a task's false success lands (SPEC.md, "Default
// mode: where the false success lands"). A nil returned once the context
// is done harms only a consumer that takes it for finished work: one that
// uses what came back beside it, records completion, deletes, writes or
// starts the next stage where the cancellation does not reach — or passes
// the nil on to its own callers, judged the same way. Logging, metrics,
// returning, exiting, and checking the context are not acting, nor is a
// next step handed the cancelled context: it learns of the cancellation
// itself.
//
//	blocks, err := s.syncBlocks(ctx)   // nil once ctx is done
//	if err != nil {
//		return err
//	}
//	for _, dir := range local {
//		if !blocks[dir] {
//			os.RemoveAll(dir)  // acts on the nil: deletes what the sync did not reach
//		}
//	}

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// Consumer is who was seen acting on a swallow's nil.
type Consumer struct {
	// At is the statement seen acting on the nil — in a caller, in the
	// owner after its wait, or the swallow itself returning a partial
	// result — or nil when none is seen.
	At ast.Node
	// Outside are the functions that hand the nil, as their own, to
	// callers that code in other packages may be: those judge it there.
	Outside []*types.Func
	// Logged is a call seen only logging the error, or nil: told of the
	// cancellation, it would log every stop as a failure.
	Logged ast.Node
	// LogsOnError is a consuming call whose error, when not nil, goes
	// only into a log line, or nil: it too would log every stop.
	LogsOnError ast.Node
	// Unseen is set when the nil goes where this package cannot follow
	// it: a group handed in or kept in a field is waited on elsewhere.
	Unseen bool
}

// ConsumerOf finds who acts on the nil that fi reports at site: the
// swallow itself when it returns a partial result beside the nil, its
// callers in the package (through those that pass the nil on), the owner
// of the group it is launched on after each Wait, or the call a callback
// is handed to.
func (co *CallerOwnership) ConsumerOf(fi *flow.FuncInfo, site ast.Node) Consumer {
	if ret, ok := site.(*ast.ReturnStmt); ok && (partialResult(co.info, fi, ret) || co.streamedPartial(fi, ret)) {
		return Consumer{At: site}
	}
	cs := &consumerSearch{co: co, seen: make(map[*types.Func]bool)}
	var at ast.Node
	switch {
	case fi.Launch != nil && fi.ChanMode():
		at = cs.ofChannels(fi)
	case fi.Launch != nil:
		at = cs.ofGroup(fi.Launch)
	case fi.Obj != nil:
		at = cs.ofFunc(fi.Obj, 0)
	default:
		if cur, ok := co.insp.Root().FindNode(fi.Node); ok {
			at = cs.handedTo(cur, 0)
		}
	}
	return Consumer{At: at, Outside: cs.outside, Logged: cs.logged, LogsOnError: cs.logsOnError, Unseen: cs.unseen}
}

// ConsumerAt judges a call, made in this package, of a function of
// another package that reports success once its context is done (a fact
// says so): the statement acting on its nil, or nil; and the functions of
// this package that hand the nil on to other packages in turn.
func (co *CallerOwnership) ConsumerAt(call inspector.Cursor) Consumer {
	cs := &consumerSearch{co: co, seen: make(map[*types.Func]bool)}
	return Consumer{At: cs.atCall(call, 0), Outside: cs.outside, Logged: cs.logged}
}

// maxConsumerDepth bounds how many callers up the nil is followed.
const maxConsumerDepth = 6

// consumerSearch follows one nil through the package.
type consumerSearch struct {
	co      *CallerOwnership
	seen    map[*types.Func]bool
	outside []*types.Func
	logged  ast.Node
	// logsOnError is a consuming call whose error, when not nil, goes only
	// into a log line.
	logsOnError ast.Node
	unseen      bool
	groups      map[*types.Var]bool // groups whose Waits were judged
}

// outerOf returns the cursor of id, or the root when it is not found.
func outerOf(co *CallerOwnership, id *ast.Ident) inspector.Cursor {
	if cur, ok := co.insp.Root().FindByPos(id.Pos(), id.End()); ok {
		return cur
	}
	return co.insp.Root()
}

// ofFunc judges the calls of fn in the package; a function others may
// call is noted as handing the nil outside.
func (cs *consumerSearch) ofFunc(fn *types.Func, depth int) ast.Node {
	if cs.seen[fn] || depth > maxConsumerDepth {
		return nil
	}
	cs.seen[fn] = true
	co := cs.co
	if !co.reach.onlyLocal(fn) {
		cs.outside = append(cs.outside, fn)
	}
	refs := co.refsOf(fn)
	for _, im := range co.dispatchedAs(fn) {
		// for _, h := range hooks { h.Prestart(ctx, …) }: a call of the
		// interface method may reach fn (nomad's task runner, which
		// stores each hook's state once it returns nil).
		if !cs.seen[im] {
			cs.seen[im] = true
			refs = append(refs, co.refsOf(im)...)
		}
	}
	for _, id := range refs {
		value, ok := co.valueAt(id)
		if !ok {
			continue
		}
		if call, ok := value.Parent().Node().(*ast.CallExpr); ok && call.Fun == value.Node() {
			if at := cs.atCall(value.Parent(), depth); at != nil {
				return at
			}
			continue
		}
		if at := cs.handedTo(value, depth); at != nil {
			return at // run(ctx, s.sync): the call it is handed to reports its nil
		}
	}
	return nil
}

// handedTo judges the call that the function value at cur is an argument
// of, when that call reports an error: the callee hands the value's nil
// on as its own (retry.Do(ctx, func() error { … })).
func (cs *consumerSearch) handedTo(cur inspector.Cursor, depth int) ast.Node {
	cur = outer(cur)
	if v := heldIn(cs.co.info, cur); v != nil {
		// f := func() error { … }; retry(ctx, f): where the variable is handed.
		for _, use := range cs.co.varRefsOf(v) {
			if c, ok := cs.co.insp.Root().FindByPos(use.Pos(), use.End()); ok && c.Node() == use {
				if at := cs.handedTo(c, depth); at != nil {
					return at
				}
			}
		}
		return nil
	}
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun == cur.Node() {
		return nil
	}
	if cs.co.isLauncher(recognize.CalleeFunc(cs.co.info, call)) {
		// g.Go(func() error { return worker(ctx) }): the worker's nil is
		// the task's, judged after the group's Wait.
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && depth <= maxConsumerDepth {
			return cs.ofGroup(&recognize.Launch{Group: sel.X})
		}
		return nil
	}
	if takesContext(cs.co.info, cur.Node()) && cs.co.contextsMadeElsewhere(call) {
		return nil
	}
	return cs.atCall(cur.Parent(), depth)
}

// takesContext reports whether the function value e has a context
// parameter: whoever calls it chooses the context it runs under.
func takesContext(info *types.Info, e ast.Node) bool {
	x, ok := e.(ast.Expr)
	if !ok {
		return false
	}
	sig, ok := info.TypeOf(x).(*types.Signature)
	if !ok {
		return false
	}
	for p := range sig.Params().Variables() {
		if recognize.IsContextType(p.Type()) {
			return true
		}
	}
	return false
}

// contextsMadeElsewhere reports whether call hands a callback that takes
// a context to code of another package, which then makes the contexts it
// runs callbacks under and may cancel them for its own reasons (dskit's
// DoUntilQuorum cancels the calls it no longer needs once quorum is
// reached): the callee, or a function of this package that passes its
// callbacks on to one (forReplicationSets wrapping them for the ring). The
// callback's nil is then that code's to weigh, not a consumer seen here.
func (co *CallerOwnership) contextsMadeElsewhere(call *ast.CallExpr) bool {
	fn := recognize.CalleeFunc(co.info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg() != co.pkg {
		return true
	}
	d := co.declOf(fn)
	if d == nil {
		return false
	}
	found := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		inner, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if g := recognize.CalleeFunc(co.info, inner); g != nil && g.Pkg() != nil && g.Pkg() != co.pkg && !co.isLauncher(g) {
			for _, arg := range inner.Args {
				if takesContext(co.info, arg) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// heldIn returns the variable that the value at cur is the sole
// initial value of (f := func() error { … }, var f = …), or nil.
func heldIn(info *types.Info, cur inspector.Cursor) *types.Var {
	var id *ast.Ident
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 && p.Rhs[0] == cur.Node() {
			id, _ = p.Lhs[0].(*ast.Ident)
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 && p.Values[0] == cur.Node() {
			id = p.Names[0]
		}
	}
	if id == nil {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// ofGroup judges the owner's waits on the group l launches on.
func (cs *consumerSearch) ofGroup(l *recognize.Launch) ast.Node {
	if l.Group == nil {
		return nil
	}
	co := cs.co
	var field *types.Var // s.g: the group kept in a field of the local s
	if sel, ok := ast.Unparen(l.Group).(*ast.SelectorExpr); ok {
		if f, ok := co.info.Uses[sel.Sel].(*types.Var); ok && f.IsField() {
			field = f
			l = &recognize.Launch{Group: sel.X}
		}
	}
	id, ok := ast.Unparen(l.Group).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := co.info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		cs.unseen = true
		return nil
	}
	if cs.groups[v] {
		return nil // judged already, or being judged
	}
	if cs.groups == nil {
		cs.groups = make(map[*types.Var]bool)
	}
	cs.groups[v] = true
	if sig := cs.sigAround(outerOf(co, id)); sig != nil && isParam(sig, v) {
		cs.unseen = true // a group handed in: its owner waits elsewhere
	}
	for _, use := range co.varRefsOf(v) {
		cur, ok := co.insp.Root().FindByPos(use.Pos(), use.End())
		if !ok || cur.Node() != use {
			continue
		}
		ref := outer(cur)
		if field != nil {
			// s.g.Wait(): step from s to s.g first.
			fs, ok := ref.Parent().Node().(*ast.SelectorExpr)
			if !ok || fs.X != ref.Node() || co.info.Uses[fs.Sel] != field {
				continue
			}
			ref = ref.Parent()
		}
		sel, ok := ref.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != ref.Node() || sel.Sel.Name != "Wait" {
			continue
		}
		if call, ok := ref.Parent().Parent().Node().(*ast.CallExpr); ok && call.Fun == sel {
			if at := cs.atCall(ref.Parent().Parent(), 0); at != nil {
				return at
			}
		}
	}
	return nil
}

// ofChannels judges the receives of the error channels a goroutine
// reports on.
func (cs *consumerSearch) ofChannels(fi *flow.FuncInfo) ast.Node {
	co := cs.co
	for ch := range fi.ResultChans {
		v, ok := ch.(*types.Var)
		if !ok || v.IsField() {
			continue
		}
		for _, use := range co.varRefsOf(v) {
			cur, ok := co.insp.Root().FindByPos(use.Pos(), use.End())
			if !ok || cur.Node() != use {
				continue
			}
			recv, ok := outer(cur).Parent().Node().(*ast.UnaryExpr)
			if !ok || recv.Op != token.ARROW {
				continue
			}
			if at := cs.atCall(outer(cur).Parent(), 0); at != nil {
				return at
			}
		}
	}
	return nil
}

// atCall judges the caller of the call at cur (or the receiver of the
// receive there), on the path where it returned nil.
func (cs *consumerSearch) atCall(cur inspector.Cursor, depth int) ast.Node {
	co := cs.co
	if depth > maxConsumerDepth || co.tests.At(co.fset, cur.Node().Pos()) {
		return nil // tests own the contexts they make
	}
	if ret, ok := outer(cur).Parent().Node().(*ast.ReturnStmt); ok {
		if _, isCall := cur.Node().(*ast.CallExpr); isCall && passesThrough(co.info, cur, cs.sigAround(cur)) ||
			!isCall && len(ret.Results) == 1 {
			return cs.passedOn(cur, depth) // return f(ctx), return <-errc
		}
		return nil
	}
	if call, ok := cur.Node().(*ast.CallExpr); ok && cs.cancelledOnlyAfter(call, cur) {
		return nil // graceCtx, cancel := context.WithCancelCause(context.WithoutCancel(ctx)); defer cancel(…)
	}
	if onlyLogsError(co.info, cur) {
		if cs.logged == nil {
			cs.logged = cur.Node()
		}
		return nil
	}
	if discardsError(co.info, cur) {
		return nil
	}
	l, ok := errLandingOf(co.info, cur)
	if !ok || l.obj == nil {
		return nil
	}
	if cs.logsOnError == nil && logsOnError(co.info, l) {
		cs.logsOnError = cur.Node()
	}
	others := otherResults(co.info, l)
	next, ok := l.afterTest(co.info)
	if next, ok = cs.outOfLoops(l, next, ok); !ok {
		return nil
	}
	// Only what runs once the error was looked at depends on its nil.
	tested := l.init != nil || cs.readsBetween(l.obj, l.stmt.Node().End(), next.Node().Pos())
	for range 64 {
		s := next.Node()
		switch cs.judge(s, others, tested) {
		case acts:
			return s
		case stops:
			return nil
		}
		if ret, ok := s.(*ast.ReturnStmt); ok {
			if tested && returnsNil(co.info, ret, l.obj, cs.sigAround(next)) {
				return cs.passedOn(next, depth)
			}
			return nil
		}
		tested = tested || reads(co.info, s, l.obj)
		if next, ok = cs.nextOnNil(l, next); !ok {
			return nil
		}
	}
	return nil
}

// nextOnNil returns the statement that runs after the one at cur on the
// nil's path, as l.nextOnNil does, and out of the end of a loop's body to
// what follows the loop.
func (cs *consumerSearch) nextOnNil(l errLanding, cur inspector.Cursor) (inspector.Cursor, bool) {
	next, ok := l.nextOnNil(cs.co.info, cur)
	return cs.outOfLoops(l, next, ok)
}

// outOfLoops goes on from a statement where l's stepping stopped at the
// end of a loop's body: the path leaves the loop once it is done, unless
// the loop's own condition checks a context.
func (cs *consumerSearch) outOfLoops(l errLanding, cur inspector.Cursor, ok bool) (inspector.Cursor, bool) {
	for !ok {
		loop := cur.Parent().Parent()
		switch n := loop.Node().(type) {
		case *ast.ForStmt:
			if n.Body != cur.Parent().Node() || n.Cond != nil && cs.judge(n.Cond, nil, false) == stops {
				return cur, false
			}
		case *ast.RangeStmt:
			if n.Body != cur.Parent().Node() {
				return cur, false
			}
		default:
			return cur, false
		}
		cur, ok = l.nextOnNil(cs.co.info, loop)
	}
	return cur, true
}

// passedOn follows a nil that the function around cur returns as its own
// to that function's callers, unless that function received no context:
// it made and ends the one its callee observed, and what its nil means is
// its to say (RunUntil(stop) cancels on stop, then returns nil).
func (cs *consumerSearch) passedOn(cur inspector.Cursor, depth int) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		c = recognize.EffectiveFunc(c)
		if fi := FuncInfoOf(cs.co.info, c); fi == nil || !Of(cs.co.info, fi).received {
			return nil // an owner of every context it has: its nil is its own decision
		}
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			if fn, ok := cs.co.info.Defs[n.Name].(*types.Func); ok {
				return cs.ofFunc(fn, depth+1)
			}
		case *ast.FuncLit:
			return cs.handedTo(c, depth+1)
		}
		return nil
	}
	return nil
}

// sigAround returns the signature of the function around cur.
func (cs *consumerSearch) sigAround(cur inspector.Cursor) *types.Signature {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if fi := FuncInfoOf(cs.co.info, recognize.EffectiveFunc(c)); fi != nil {
			return fi.Sig
		}
		return nil
	}
	return nil
}

// readsBetween reports whether v is read between the positions from and to.
func (cs *consumerSearch) readsBetween(v types.Object, from, to token.Pos) bool {
	w, ok := v.(*types.Var)
	if !ok {
		return false
	}
	for _, id := range cs.co.varRefsOf(w) {
		if from <= id.Pos() && id.Pos() < to {
			return true
		}
	}
	return false
}

// verdict is what one statement on the nil's path does with it.
type verdict uint8

const (
	goesOn verdict = iota // nothing yet: look at the next statement
	acts                  // acts on the nil
	stops                 // learns of the cancellation, or leaves: nothing after depends on the nil
)

// judge reads one statement on the nil's path, in source order: the first
// thing it does decides. others are the results the call returned beside
// the nil; before the nil was tested, only a stop counts.
func (cs *consumerSearch) judge(s ast.Node, others map[types.Object]bool, tested bool) verdict {
	info := cs.co.info
	v := goesOn
	ast.Inspect(s, func(n ast.Node) bool {
		if v != goesOn {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.DeferStmt:
			return false // runs later, if at all
		case *ast.Ident:
			if others[info.Uses[n]] && tested {
				v = acts // the data of work that did not finish
			}
		case *ast.SendStmt:
			if tested {
				v = acts
			}
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE && tested && storesOutside(info, n.Lhs) {
				v = acts // records a status, a result, a mark
			}
		case *ast.IncDecStmt:
			if tested && storesOutside(info, []ast.Expr{n.X}) {
				v = acts
			}
		case *ast.CallExpr:
			switch {
			case recognize.ContextErrCall(info, n) != nil || recognize.ContextMethodCall(info, n, "Done") != nil ||
				recognize.IsNoReturn(info, n) || handsContext(info, n):
				v = stops
			case LogsOrMeasures(info, n):
				return false
			case tested && cs.co.effectOf(n, 0):
				v = acts
			}
		}
		return v == goesOn
	})
	return v
}

// otherResults returns the variables that the call of l assigns besides
// its error.
func otherResults(info *types.Info, l errLanding) map[types.Object]bool {
	others := make(map[types.Object]bool)
	var lhs []ast.Expr
	switch s := l.stmt.Node().(type) {
	case *ast.AssignStmt:
		lhs = s.Lhs
	case *ast.DeclStmt:
		for _, spec := range s.Decl.(*ast.GenDecl).Specs {
			if vs, ok := spec.(*ast.ValueSpec); ok {
				for _, name := range vs.Names {
					lhs = append(lhs, name)
				}
			}
		}
	}
	for _, e := range lhs {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && id.Name != "_" {
			if obj := info.ObjectOf(id); obj != nil && obj != l.obj {
				others[obj] = true
			}
		}
	}
	return others
}

// reads reports whether n reads v.
func reads(info *types.Info, n ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// returnsNil reports whether ret returns, as the error of a function whose
// signature is sig, a literal nil or v (nil on this path).
func returnsNil(info *types.Info, ret *ast.ReturnStmt, v types.Object, sig *types.Signature) bool {
	i := recognize.ErrorResult(sig)
	if i < 0 {
		return false
	}
	if len(ret.Results) == 0 {
		return sig.Results().At(i) == v
	}
	if len(ret.Results) != sig.Results().Len() {
		return false
	}
	e := ast.Unparen(ret.Results[i])
	if recognize.IsNil(info, e) {
		return true
	}
	id, ok := e.(*ast.Ident)
	return ok && info.Uses[id] == v
}

// storesOutside reports whether an assignment to lhs writes beyond the
// function's own variables: a field, an element, a pointer's target, a
// package-level variable.
func storesOutside(info *types.Info, lhs []ast.Expr) bool {
	for _, e := range lhs {
		switch e := ast.Unparen(e).(type) {
		case *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr, *ast.StarExpr:
			return true
		case *ast.Ident:
			if v, ok := info.Uses[e].(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				return true
			}
		}
	}
	return false
}

// handsContext reports whether call is given a context that the
// cancellation reaches and can report an error: the next step learns of
// the cancellation itself and says so.
func handsContext(info *types.Info, call *ast.CallExpr) bool {
	if !reportsError(info, call) {
		return false // s.eagerLoad(ctx, …): it cannot tell anyone of the cancellation
	}
	for _, arg := range call.Args {
		if recognize.IsContextType(info.TypeOf(arg)) && !recognize.IsDetached(info, arg) {
			return true
		}
	}
	return false
}

// streamedPartial reports whether ret, a swallow of fi, breaks off a
// bounded loop (over a collection, or with a condition) that hands what it
// produces to a callback fi was given (fn(item)): the nil then tells
// whoever passed the callback that the listing is complete. A watch that
// feeds events until stopped is not one: its nil means stopped.
// gobgp's List* functions fed gRPC streams this way, and a client took a
// listing cut short by its context for the whole one (osrg/gobgp#3227).
func (co *CallerOwnership) streamedPartial(fi *flow.FuncInfo, ret *ast.ReturnStmt) bool {
	if fi.Sig == nil || fi.Sig.Results().Len() != 1 || fi.ErrIdx != 0 {
		return false
	}
	callbacks := make(map[types.Object]bool)
	for p := range fi.Sig.Params().Variables() {
		if _, ok := p.Type().Underlying().(*types.Signature); ok && !takesContextType(p.Type()) {
			callbacks[p] = true
		}
	}
	if len(callbacks) == 0 {
		return false
	}
	cur, ok := co.insp.Root().FindNode(ret)
	if !ok {
		return false
	}
	for c := range cur.Enclosing() {
		var body *ast.BlockStmt
		switch n := c.Node(); n := n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.ForStmt:
			if n.Cond == nil {
				continue // for { … }: a watch that runs until stopped, whose nil means stopped
			}
			body = n.Body
		case *ast.RangeStmt:
			if _, ok := co.info.TypeOf(n.X).Underlying().(*types.Chan); ok {
				continue // range events: the same
			}
			body = n.Body
		default:
			continue
		}
		found := false
		ast.Inspect(body, func(n ast.Node) bool {
			if _, isLit := n.(*ast.FuncLit); isLit || found {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && callbacks[co.info.Uses[id]] {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// takesContextType reports whether the function type t has a context
// parameter: a callback that works under its own context, not a sink.
func takesContextType(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return false
	}
	for p := range sig.Params().Variables() {
		if recognize.IsContextType(p.Type()) {
			return true
		}
	}
	return false
}

// partialResult reports whether ret, a swallow of fi, returns beside its
// nil error a value that is not the zero value: what the function had
// gathered when it broke off, handed on as if complete.
func partialResult(info *types.Info, fi *flow.FuncInfo, ret *ast.ReturnStmt) bool {
	if fi.Sig == nil || fi.ErrIdx < 0 {
		return false
	}
	res := fi.Sig.Results()
	if len(ret.Results) == 0 {
		for i := range res.Len() {
			if i != fi.ErrIdx && res.At(i).Name() != "" && assigned(info, fi.Body, res.At(i)) {
				return true
			}
		}
		return false
	}
	if len(ret.Results) != res.Len() {
		return false
	}
	for i, e := range ret.Results {
		if i != fi.ErrIdx && !zeroValue(info, fi, e) {
			return true
		}
	}
	return false
}

// zeroValue reports whether e is, as far as its spelling shows, the zero
// value of its type or a value the function was given: nil, a zero
// constant, an empty composite literal, a parameter, or a local variable
// never assigned after its declaration.
func zeroValue(info *types.Info, fi *flow.FuncInfo, e ast.Expr) bool {
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		switch tv.Value.ExactString() {
		case "0", `""`, "false", "0.0", "(0 + 0i)":
			return true
		}
		return false
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return recognize.IsNil(info, e)
		}
		if isParam(fi.Sig, v) {
			return true // handed back as given
		}
		return !assigned(info, fi.Body, v) && v.Pos() >= fi.Body.Pos()
	}
	return false
}

// assigned reports whether body assigns v (besides a zero declaration),
// changes it, or takes its address.
func assigned(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
					found = true
				}
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				if info.Defs[name] == v && len(n.Values) > 0 {
					found = true
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[id] == v {
				found = true
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[id] == v {
				found = true
			}
		case *ast.RangeStmt:
			for _, x := range []ast.Expr{n.Key, n.Value} {
				if id, ok := x.(*ast.Ident); ok && info.ObjectOf(id) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// logsOnError reports whether the error that lands at l, when not nil,
// is only logged or recorded as a failure: on its path (the branch of the
// if err != nil right after it, or what follows an if err == nil { return
// }), a log line that passes nothing on (telegraf's startShardConsumer:
// c.log.Errorf(…); return), or a call that records it (vitess's
// vr.setMessage(err.Error()), which writes it into a table). A
// propagation would then log or record each stop as a failure.
func logsOnError(info *types.Info, l errLanding) bool {
	ifs := l.init
	var after inspector.Cursor
	if ifs == nil {
		next, ok := l.stmt.NextSibling()
		if !ok {
			return false
		}
		ifs, _ = next.Node().(*ast.IfStmt)
		after = next
	}
	if ifs == nil {
		return false
	}
	body := bodyAround(l.stmt)
	if body == nil || l.obj.Pos() < body.Pos() || l.obj.Pos() >= body.End() {
		return false // a named result or a captured variable: it goes on
	}
	value, known := recognize.EvalErr(info, ifs.Cond, l.obj, false)
	if !known || !callsOnlyErrorsTests(info, ifs.Cond) {
		return false
	}
	var path []ast.Stmt
	restOfBlock := false
	nonNil := recognize.BranchOf(ifs, value)
	if branch, ok := nonNil.(*ast.BlockStmt); ok && len(branch.List) > 0 {
		path = branch.List
	} else if nilBranch, ok := recognize.BranchOf(ifs, !value).(*ast.BlockStmt); ok && recognize.IsEmptyBranch(nonNil) && ifs.Init == nil && after.Node() != nil && endsInReturn(nilBranch) {
		// if err == nil { return nil }: the rest of the block is the error's path.
		for c, ok := after.NextSibling(); ok; c, ok = c.NextSibling() {
			path = append(path, c.Node().(ast.Stmt))
		}
		restOfBlock = true
	}
	if len(path) == 0 {
		return false
	}
	isErr := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == l.obj
	}
	isErrText := func(e ast.Expr) bool { // err.Error()
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Error" && isErr(sel.X)
	}
	// records reports whether call keeps the error as a failure: handed
	// its text, or handed the error by a call that makes no error of it
	// (not a wrapper, not a cancel with a cause, not append).
	recordsIn := func(call *ast.CallExpr) bool {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if _, builtin := info.Uses[id].(*types.Builtin); builtin {
				return false
			}
		}
		if t := info.TypeOf(call.Fun); t != nil && recognize.IsCancelFunc(t) {
			return false
		}
		makesError := false
		if sig, ok := info.TypeOf(call.Fun).(*types.Signature); ok {
			makesError = recognize.ErrorResult(sig) >= 0
		}
		for _, arg := range call.Args {
			if isErrText(arg) || isErr(arg) && !makesError {
				return true
			}
		}
		return false
	}
	mentions := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && info.Uses[id] == l.obj {
				found = true
			}
			return !found
		})
		return found
	}
	logs, records, passes := false, false, false
	for _, st := range path {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				passes = passes || mentions(n)
				return false
			case *ast.SendStmt:
				passes = passes || mentions(n.Value)
			case *ast.AssignStmt:
				for _, r := range n.Rhs {
					passes = passes || mentions(r)
				}
			case *ast.CallExpr:
				if LogsOrMeasures(info, n) {
					logs = logs || mentions(n)
					return false
				}
				if isErrorsTest(info, n) {
					return false
				}
				records = records || recordsIn(n)
			}
			return true
		})
	}
	if records {
		return true
	}
	// Read after the if, the error may go on from there.
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !restOfBlock && id.Pos() >= ifs.End() && info.Uses[id] == l.obj {
			passes = true
		}
		return !passes
	})
	return logs && !passes
}

// endsInReturn reports whether b's last statement is a return.
func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

// LogsOrMeasures reports whether call writes a log line, a message, a
// metric or a trace: nothing anyone takes for the work's result.
func LogsOrMeasures(info *types.Info, call *ast.CallExpr) bool {
	for _, arg := range call.Args {
		if tv, ok := info.Types[arg]; ok && tv.Value != nil && strings.Contains(tv.Value.ExactString(), "%") {
			return true // a format string: a message
		}
	}
	fn := recognize.CalleeFunc(info, call)
	if fn == nil {
		return false
	}
	name := strings.ToLower(fn.Name())
	for _, w := range logWords {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	if fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	if recv := fn.Signature().Recv(); recv != nil {
		if named := namedOf(recv.Type()); named != nil && named.Obj().Pkg() != nil {
			path = named.Obj().Pkg().Path()
		}
	}
	for _, w := range observabilityPaths {
		if strings.Contains(path, w) {
			return true
		}
	}
	for seg := range strings.SplitSeq(path, "/") {
		if strings.HasPrefix(seg, "log") || strings.HasSuffix(seg, "log") && seg != "catalog" && seg != "dialog" {
			return true // log, logrus, logr, klog, slog, zerolog, hclog
		}
		if seg == "zap" {
			return true
		}
	}
	return false
}

// logWords begin the names of functions that log or measure.
var logWords = []string{"log", "print", "debug", "info", "warn", "error", "trace", "notice", "observe", "withlabelvalues"}

// observabilityPaths occur in the import paths of metrics and tracing
// packages.
var observabilityPaths = []string{"metrics", "prometheus", "opentelemetry", "otel", "opencensus", "trace", "stats"}

// hasEffect reports whether call changes something a later reader may
// take for the work's result: a call of a function of a module (not of the
// standard library) that is not cleanup, a callback, a channel close or a
// map delete, or a file written, removed or renamed.
func hasEffect(info *types.Info, call *ast.CallExpr) bool {
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return false // a conversion
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			return b.Name() == "close" || b.Name() == "delete"
		}
	}
	fn := recognize.CalleeFunc(info, call)
	if fn == nil {
		// A function value: a callback, unless it is a cancel.
		return !recognize.IsCancelFunc(info.TypeOf(call.Fun))
	}
	if fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	if first, _, _ := strings.Cut(path, "/"); !strings.Contains(first, ".") {
		return stdEffect(fn)
	}
	switch fn.Name() {
	case "Close", "Unlock", "RUnlock", "Release", "Stop", "Cancel", "Done", "Wait", "String", "Error", "Len":
		return false // cleanup and reading
	}
	return true
}

// stdEffect reports whether fn, of the standard library, writes, removes
// or renames a file, or answers an HTTP request.
func stdEffect(fn *types.Func) bool {
	switch recognize.FuncName(fn) {
	case "os.Remove", "os.RemoveAll", "os.Rename", "os.WriteFile", "os.Truncate", "os.Symlink", "os.Link",
		"(*os.File).Write", "(*os.File).WriteString", "(*os.File).WriteAt", "(*os.File).Truncate",
		"io.Copy", "io.CopyN", "io.CopyBuffer", "io.WriteString",
		"(net/http.ResponseWriter).Write", "(net/http.ResponseWriter).WriteHeader":
		return true
	}
	return false
}

// GuardsLogging reports whether the failing side of test t — the branch of
// the if around it taken for errors that are not the cancellation (the
// body under if err != nil && !errors.Is(err, context.Canceled), or the
// else of a positive test) — writes a log line or a metric. The test then also keeps each
// stop out of the logs, and a fix that lets the cancellation through would
// log it as a failure.
func GuardsLogging(info *types.Info, body *ast.BlockStmt, t *recognize.CancelTest) bool {
	if t == nil || t.Cond == nil {
		return false
	}
	var ifs *ast.IfStmt
	ast.Inspect(body, func(n ast.Node) bool {
		if s, ok := n.(*ast.IfStmt); ok && s.Cond == t.Cond {
			ifs = s
		}
		return ifs == nil
	})
	if ifs == nil {
		return false
	}
	var failing ast.Node = ifs.Body // if !errors.Is(err, context.Canceled) { … }
	if !negated(ifs.Cond, t.Node) {
		failing = ifs.Else // if errors.Is(err, context.Canceled) { … } else { … }
	}
	if failing == nil {
		return false
	}
	found := false
	ast.Inspect(failing, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && LogsOrMeasures(info, call) {
			found = true
		}
		return !found
	})
	return found
}

// negated reports whether node sits under an odd number of ! in cond.
func negated(cond ast.Expr, node ast.Node) bool {
	odd, found := false, false
	var walk func(e ast.Expr, neg bool)
	walk = func(e ast.Expr, neg bool) {
		if found || e == nil {
			return
		}
		if ast.Node(e) == node {
			odd, found = neg, true
			return
		}
		switch x := e.(type) {
		case *ast.ParenExpr:
			walk(x.X, neg)
		case *ast.UnaryExpr:
			walk(x.X, neg != (x.Op == token.NOT))
		case *ast.BinaryExpr:
			walk(x.X, neg)
			walk(x.Y, neg)
		}
	}
	walk(cond, false)
	return odd
}

// reportsError reports whether call has an error among its results.
func reportsError(info *types.Info, call *ast.CallExpr) bool {
	switch t := info.TypeOf(call).(type) {
	case *types.Tuple:
		for v := range t.Variables() {
			if recognize.IsErrorType(v.Type()) {
				return true
			}
		}
		return false
	case nil:
		return false
	default:
		return recognize.IsErrorType(t)
	}
}

// maxEffectDepth bounds how deep the package's own callees are read.
const maxEffectDepth = 3

// effectOf reports whether call changes something a reader of the work
// would see: hasEffect for calls of other packages, except those named as
// readers (GetX, LookupX, NewX, …); for the package's own functions, what
// their bodies do (copyStats counting blobs and printing is no consumer).
func (co *CallerOwnership) effectOf(call *ast.CallExpr, depth int) bool {
	fn := recognize.CalleeFunc(co.info, call)
	var d *ast.FuncDecl
	if fn != nil {
		d = co.declOf(fn)
	}
	if d == nil {
		return hasEffect(co.info, call) && (fn == nil || !readerName(fn.Name()))
	}
	if depth >= maxEffectDepth {
		return true
	}
	effect := false
	ast.PreorderStack(d.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		if effect {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt, *ast.GoStmt:
			effect = true
		case *ast.AssignStmt:
			effect = n.Tok != token.DEFINE && storesOutside(co.info, n.Lhs)
		case *ast.IncDecStmt:
			effect = storesOutside(co.info, []ast.Expr{n.X})
		case *ast.CallExpr:
			// A call made for its effect: its results dropped, or one
			// that can fail (os.RemoveAll(d) in an if); a call whose value
			// is used and cannot fail reads (n += pb.Length()).
			if !reportsError(co.info, n) && !droppedResult(n, stack) {
				return true
			}
			effect = !LogsOrMeasures(co.info, n) && co.effectOf(n, depth+1)
		}
		return !effect
	})
	return effect
}

// readerName reports whether a function's name says it reads or makes
// rather than changes: Get, Lookup, Has, Is, Find, Count, New, Len, Keys.
func readerName(name string) bool {
	for _, p := range []string{"Get", "Lookup", "Has", "Is", "Find", "Count", "New", "Len", "Keys", "Size", "String"} {
		if strings.HasPrefix(name, p) && (len(name) == len(p) || name[len(p)] >= 'A' && name[len(p)] <= 'Z') {
			return true
		}
	}
	return false
}

// droppedResult reports whether the call n, under stack, is a statement of
// its own: made for what it does, not for what it returns.
func droppedResult(n ast.Node, stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.ExprStmt, *ast.DeferStmt, *ast.GoStmt:
		return true
	case *ast.ParenExpr:
		return droppedResult(p, stack[:len(stack)-1])
	}
	return false
}

// cancelledOnlyAfter reports whether every context call is handed is one
// the function around it made detached and cancels only by a deferred
// call: no cancellation can reach the callee while this call runs, so its
// nil here is no stop taken for success (mimir's block builder hands its
// job a context that outlives a shutdown request, to finish the job).
func (cs *consumerSearch) cancelledOnlyAfter(call *ast.CallExpr, cur inspector.Cursor) bool {
	body := bodyAround(cur)
	seen := false
	for _, arg := range call.Args {
		if !recognize.IsContextType(cs.co.info.TypeOf(arg)) {
			continue
		}
		id, ok := ast.Unparen(arg).(*ast.Ident)
		if !ok || !endsOnlyOnReturn(cs.co.info, body, cs.co.info.Uses[id]) {
			return false
		}
		seen = true
	}
	return seen
}
