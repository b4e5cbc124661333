package recognize

// This file finds how functions are launched: by a go statement, or passed
// to a launcher such as (*errgroup.Group).Go. A launched function's error
// reaches the code that started it, which usually also owns the context.
// Function literals passed to other calls are recorded as candidate
// callbacks (retry helpers, walkers); they become task bodies when they
// return an error and use a context they did not create.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// DefaultLaunchers are the launchers known without flags, by full name.
var DefaultLaunchers = []string{
	"(*golang.org/x/sync/errgroup.Group).Go",
	"(*golang.org/x/sync/errgroup.Group).TryGo",
	"(*sync.WaitGroup).Go",
	"(*github.com/sourcegraph/conc.WaitGroup).Go",
	"(*github.com/sourcegraph/conc/pool.Pool).Go",
	"(*github.com/sourcegraph/conc/pool.ErrorPool).Go",
	"(*github.com/sourcegraph/conc/pool.ContextPool).Go",
	"(*github.com/sourcegraph/conc/pool.ResultPool).Go",
	"(*github.com/sourcegraph/conc/pool.ResultErrorPool).Go",
	"(*github.com/sourcegraph/conc/pool.ResultContextPool).Go",
	"(*github.com/sourcegraph/conc/stream.Stream).Go",
}

// Launch is how a function is started.
type Launch struct {
	node  ast.Node // the *ast.GoStmt, or the launcher's *ast.CallExpr
	Group ast.Expr // the launcher's receiver (g of g.Go), or nil
}

// Stmt returns the go statement or launcher call of l, nil for no launch.
func (l *Launch) Stmt() ast.Node {
	if l == nil {
		return nil
	}
	return l.node
}

// LaunchSet is every launch in a package.
type LaunchSet struct {
	Lits      map[*ast.FuncLit]*Launch
	Funcs     map[*types.Func]*Launch
	Callbacks map[*ast.FuncLit]bool // literals passed to calls that are not launchers
	// Recvs holds, for a method started (or passed as a callback) as a
	// method value, the receiver expression of that value (t of t.run),
	// when it is the method's only reference in the package.
	Recvs map[*types.Func]ast.Expr
	// CallbackMethods are the methods passed as method values to calls
	// that are not launchers.
	CallbackMethods map[*types.Func]bool
}

// FindLaunches scans the package's go statements and calls.
func FindLaunches(info *types.Info, files []*ast.File, insp *inspector.Inspector, isLauncher func(*types.Func) bool) *LaunchSet {
	ls := &LaunchSet{
		Lits:            make(map[*ast.FuncLit]*Launch),
		Funcs:           make(map[*types.Func]*Launch),
		Callbacks:       make(map[*ast.FuncLit]bool),
		Recvs:           make(map[*types.Func]ast.Expr),
		CallbackMethods: make(map[*types.Func]bool),
	}
	held := heldLiterals(info, insp)
	methodValue := func(e ast.Expr) *types.Func {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok || info.Selections[sel] == nil || info.Selections[sel].Kind() != types.MethodVal {
			return nil
		}
		fn, _ := info.Uses[sel.Sel].(*types.Func)
		if fn != nil && builtHere(sel.X) {
			ls.Recvs[fn.Origin()] = sel.X
		}
		return fn
	}
	decls := NewDecls(info, files)
	declOf := decls.Of
	var add func(fun ast.Expr, l *Launch)
	add = func(fun ast.Expr, l *Launch) {
		switch f := ast.Unparen(fun).(type) {
		case *ast.FuncLit:
			ls.Lits[f] = l
			if call := Forwarder(info, f.Type, f.Body); call != nil {
				add(call.Fun, l) // func() error { return w.run() }: w.run is started
			}
		case *ast.Ident, *ast.SelectorExpr:
			switch obj := SubjectOf(info, f).(type) {
			case *types.Func:
				if ls.Funcs[obj.Origin()] == l {
					return // a function that forwards to itself
				}
				ls.Funcs[obj.Origin()] = l
				methodValue(f)
				if d := declOf(obj.Origin()); d != nil {
					if call := Forwarder(info, d.Type, d.Body); call != nil {
						add(call.Fun, l) // func (t task) run() error { return t.w.run() }
					}
				}
			case *types.Var:
				for _, lit := range held[obj] { // task := func() error {…}; g.Go(task)
					add(lit, l)
				}
			}
		case *ast.IndexExpr: // a generic function instantiated explicitly
			add(f.X, l)
		case *ast.CallExpr: // g.Go(safe.WithRecover(task)): the wrapper runs it
			if !isLauncher(CalleeFunc(info, f)) {
				for _, arg := range f.Args {
					if t := info.TypeOf(arg); t != nil && IsSignature(t) {
						add(arg, l)
					}
				}
			}
		}
	}
	for n := range insp.PreorderSeq((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := n.(type) {
		case *ast.GoStmt:
			add(n.Call.Fun, &Launch{node: n})
		case *ast.CallExpr:
			if isLauncher(CalleeFunc(info, n)) {
				l := &Launch{node: n}
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					l.Group = sel.X
				}
				for _, arg := range n.Args {
					if t := info.TypeOf(arg); t != nil && IsSignature(t) {
						add(arg, l)
					}
				}
				continue
			}
			for _, arg := range n.Args {
				for _, lit := range passedLiterals(info, arg, held, 0) {
					ls.Callbacks[lit] = true
				}
				for _, lit := range passedLiterals(info, arg, held, 0) {
					if call := Forwarder(info, lit.Type, lit.Body); call != nil {
						if fn := methodValue(call.Fun); fn != nil {
							ls.CallbackMethods[fn.Origin()] = true // func() error { return t.run() }
						}
					}
				}
				for _, m := range passedMethods(info, arg, 0) {
					if t, ok := info.TypeOf(m).(*types.Signature); !ok || ErrorResult(t) < 0 {
						continue // a callback reports through its error
					}
					if fn := methodValue(m); fn != nil {
						ls.CallbackMethods[fn.Origin()] = true
					}
				}
			}
		}
	}
	for fn := range ls.Recvs {
		if declOf(fn) == nil {
			delete(ls.Recvs, fn) // declared elsewhere: no body here to bind
		}
	}
	if len(ls.Recvs) > 0 {
		// A method referenced more than once may run on other receivers.
		refs := make(map[*types.Func]int)
		for _, obj := range info.Uses {
			if fn, ok := obj.(*types.Func); ok && ls.Recvs[fn.Origin()] != nil {
				refs[fn.Origin()]++
			}
		}
		for fn := range ls.Recvs {
			if refs[fn] != 1 {
				delete(ls.Recvs, fn)
			}
		}
	}
	return ls
}

// passedMethods returns the method values an argument hands to its
// callee: the value itself, or those a wrapping call is given.
func passedMethods(info *types.Info, arg ast.Expr, depth int) []ast.Expr {
	switch a := ast.Unparen(arg).(type) {
	case *ast.SelectorExpr:
		if sel := info.Selections[a]; sel != nil && sel.Kind() == types.MethodVal {
			return []ast.Expr{a}
		}
	case *ast.CallExpr:
		if t := info.TypeOf(a); depth < maxWrapping && t != nil && IsSignature(t) {
			var out []ast.Expr
			for _, inner := range a.Args {
				out = append(out, passedMethods(info, inner, depth+1)...)
			}
			return out
		}
	}
	return nil
}

// heldLiterals returns, for each local variable of function type, the
// literals assigned to it: a callback held in a variable before it is
// passed (op := func() error {…}; backoff.Retry(op, b)).
func heldLiterals(info *types.Info, insp *inspector.Inspector) map[*types.Var][]*ast.FuncLit {
	held := make(map[*types.Var][]*ast.FuncLit)
	record := func(lhs ast.Expr, rhs ast.Expr) {
		lit, ok := ast.Unparen(rhs).(*ast.FuncLit)
		if !ok {
			return
		}
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok && !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() {
				held[v] = append(held[v], lit)
			}
		}
	}
	for n := range insp.PreorderSeq((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Lhs {
					record(n.Lhs[i], n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i := range n.Names {
					record(n.Names[i], n.Values[i])
				}
			}
		}
	}
	return held
}

// maxWrapping bounds how deep passedLiterals looks through wrapping calls.
const maxWrapping = 3

// passedLiterals returns the literals an argument hands to its callee: the
// literal itself, the literals a variable holds, or those a wrapping call
// is given (backoff.RetryNotify(safe.WithRecover(op), b, notify)).
func passedLiterals(info *types.Info, arg ast.Expr, held map[*types.Var][]*ast.FuncLit, depth int) []*ast.FuncLit {
	switch a := ast.Unparen(arg).(type) {
	case *ast.FuncLit:
		return []*ast.FuncLit{a}
	case *ast.Ident:
		if v, ok := info.Uses[a].(*types.Var); ok && IsSignature(v.Type()) {
			return held[v]
		}
	case *ast.CallExpr:
		if t := info.TypeOf(a); depth < maxWrapping && t != nil && IsSignature(t) {
			var out []*ast.FuncLit
			for _, inner := range a.Args {
				out = append(out, passedLiterals(info, inner, held, depth+1)...)
			}
			return out
		}
	}
	return nil
}

// UsesCapturedContext reports whether lit reads a context variable
// declared outside it.
func UsesCapturedContext(info *types.Info, lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && IsContextType(v.Type()) &&
				(v.Pos() < lit.Pos() || v.Pos() >= lit.End()) {
				found = true
			}
		}
		return true
	})
	return found
}

// ResultChans returns the error channels, declared outside lit, that lit
// sends on and someone reads: the enclosing function (a receive outside a
// select that also waits on Done()), its caller (the channel is returned
// or was handed in as a parameter), or whoever holds the struct the
// channel is a field of. Each is mapped to the expression that names it in
// a send.
func ResultChans(info *types.Info, lit *ast.FuncLit, enclosing ast.Node) map[types.Object]ast.Expr {
	ftype, body := funcParts(enclosing)
	if body == nil {
		return nil
	}
	sent, fields := sends(info, BodyOf(lit.Body), func(v types.Object) bool { return v.Pos() < lit.Pos() || v.Pos() >= lit.End() })
	if len(sent) == 0 {
		return nil
	}
	result := make(map[types.Object]ast.Expr)
	for v, e := range sent {
		if fields[v] || v.Pos() >= ftype.Pos() && v.Pos() < ftype.End() {
			result[v] = e // a field, or a parameter: read by the caller
		}
	}
	read := readChans(info, body, lit, func(v types.Object) types.Object { return v })
	for v := range read {
		if sent[v] != nil {
			result[v] = sent[v]
		}
	}
	if len(result) == 0 {
		return nil
	}
	return result
}

// SuccessChans returns the channels, not of errors, that body sends on as
// fields of a value whose field is one of the error channels in result:
// the success half of a pair (f.results <- r beside f.errs <- err).
func SuccessChans(info *types.Info, body *ast.BlockStmt, result map[types.Object]ast.Expr) map[types.Object]bool {
	holders := make(map[types.Object]bool) // f in f.errs
	for _, e := range result {
		if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
			if x := SubjectOf(info, sel.X); x != nil {
				holders[x] = true
			}
		}
	}
	if len(holders) == 0 {
		return nil
	}
	out := make(map[types.Object]bool)
	ast.Inspect(BodyOf(body), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			sel, ok := ast.Unparen(n.Chan).(*ast.SelectorExpr)
			if !ok || IsErrorChan(info.TypeOf(n.Chan)) {
				return true
			}
			if f, ok := info.Uses[sel.Sel].(*types.Var); ok && f.IsField() && holders[SubjectOf(info, sel.X)] {
				out[f] = true
			}
		}
		return true
	})
	return out
}

// DeclResultChans returns the error channels that fn, a declared function
// started by name in the function starter (go fn(…, ch, …) with args, or
// g.Go(t.run)), sends on: its parameters and bound receiver fields that
// starter reads the value of (not only in a select that also waits on
// Done()), and other fields. It is ResultChans for a function started by
// name rather than as a literal.
func DeclResultChans(info *types.Info, fn *ast.FuncDecl, args []ast.Expr, bound *Bound, starter ast.Node) map[types.Object]ast.Expr {
	_, body := funcParts(starter)
	if fn.Body == nil || body == nil {
		return nil
	}
	params := make(map[types.Object]int)
	i := 0
	for _, field := range fn.Type.Params.List {
		if len(field.Names) == 0 {
			i++
		}
		for _, name := range field.Names {
			if v := info.Defs[name]; v != nil {
				params[v] = i
			}
			i++
		}
	}
	sent, fields := sends(info, BodyOf(fn.Body), func(v types.Object) bool { _, ok := params[v]; return ok })
	if len(sent) == 0 {
		return nil
	}
	result := make(map[types.Object]ast.Expr)
	argOf := make(map[types.Object]types.Object) // the starter's variable passed for each parameter or field
	given := func(v types.Object, arg ast.Expr) {
		if id, ok := ast.Unparen(arg).(*ast.Ident); ok && info.Uses[id] != nil {
			argOf[info.Uses[id]] = v
		}
	}
	for v, e := range sent {
		switch {
		case fields[v] && isIdent(bound.Value(info, e)):
			given(v, bound.Value(info, e)) // errc of task{errc: errc}: read where started?
		case fields[v]:
			result[v] = e
		case params[v] < len(args):
			given(v, args[params[v]])
		}
	}
	read := readChans(info, body, nil, func(v types.Object) types.Object { return argOf[v] })
	for v := range read {
		result[v] = sent[v]
	}
	if len(result) == 0 {
		return nil
	}
	return result
}

// funcParts returns the type and body of a declared function or literal.
func funcParts(n ast.Node) (*ast.FuncType, *ast.BlockStmt) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Type, n.Body
	case *ast.FuncLit:
		return n.Type, n.Body
	}
	return nil, nil
}

// sends returns the error channels that body (not its nested literals)
// sends on: variables that outside accepts, and fields (also in fields).
func sends(info *types.Info, body *ast.BlockStmt, outside func(types.Object) bool) (sent map[types.Object]ast.Expr, fields map[types.Object]bool) {
	sent = make(map[types.Object]ast.Expr)
	fields = make(map[types.Object]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			if !IsErrorChan(info.TypeOf(n.Chan)) {
				return true
			}
			switch ch := ast.Unparen(n.Chan).(type) {
			case *ast.Ident:
				if v := info.Uses[ch]; v != nil && outside(v) {
					sent[v] = ch
				}
			case *ast.SelectorExpr:
				// w.errc, p.errs: a field of a value the function was given
				// (receiver, parameter, captured), not of one it took from
				// elsewhere as it ran (req.responseCh of a queued request
				// answers that request, not the function's own outcome).
				root := rootObject(info, ch.X)
				given := root != nil && (root.Pos() < body.Pos() || root.Pos() >= body.End())
				if v, ok := info.Uses[ch.Sel].(*types.Var); ok && v.IsField() && IsPure(ch) && given {
					sent[v] = ch
					fields[v] = true
				}
			}
		}
		return true
	})
	return sent, fields
}

// rootObject returns the variable a selector chain starts from (w in
// w.state.errc), or nil.
func rootObject(info *types.Info, x ast.Expr) types.Object {
	for {
		switch e := ast.Unparen(x).(type) {
		case *ast.Ident:
			return info.Uses[e]
		case *ast.SelectorExpr:
			x = e.X
		case *ast.StarExpr:
			x = e.X
		default:
			return nil
		}
	}
}

// readChans returns the channels, as the objects that of maps the
// variables of body to, that body reads outside a select that also waits
// on a context's Done() (such a receive is an awaiter that handles
// cancellation itself: a missing send loses nothing there), or returns to
// its caller. skip is a literal body's reading does not count in.
func readChans(info *types.Info, body *ast.BlockStmt, skip *ast.FuncLit, of func(types.Object) types.Object) map[types.Object]bool {
	read := make(map[types.Object]bool)
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		var ch ast.Expr
		switch n := n.(type) {
		case *ast.FuncLit:
			return n != skip
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ch = n.X
			}
		case *ast.RangeStmt:
			ch = n.X
		case *ast.ReturnStmt:
			for _, r := range n.Results { // handed to the caller
				if id, ok := ast.Unparen(r).(*ast.Ident); ok && of(info.Uses[id]) != nil {
					read[of(info.Uses[id])] = true
				}
			}
		}
		if id, ok := ast.Unparen(ch).(*ast.Ident); ok && of(info.Uses[id]) != nil && !inSelectWithDone(info, stack) {
			read[of(info.Uses[id])] = true
		}
		return true
	})
	return read
}

// IsSignature reports whether t is a function type.
func IsSignature(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// inSelectWithDone reports whether the innermost select case around the
// end of stack belongs to a select with a case that receives from a
// context's Done().
func inSelectWithDone(info *types.Info, stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 2; i-- {
		cc, ok := stack[i].(*ast.CommClause)
		if !ok {
			continue
		}
		sel, ok := stack[i-2].(*ast.SelectStmt)
		if !ok || i+1 >= len(stack) || stack[i+1] != cc.Comm {
			return false // a receive in the case's body, not its communication
		}
		for _, c := range sel.Body.List {
			if c != cc && receivesDone(info, c.(*ast.CommClause).Comm) {
				return true
			}
		}
		return false
	}
	return false
}

// receivesDone reports whether a select case's communication receives from
// a context's Done().
func receivesDone(info *types.Info, comm ast.Stmt) bool {
	u, ok := ast.Unparen(CommRecv(comm)).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW && ContextMethodCall(info, u.X, "Done") != nil
}

// CommRecv returns the receive expression of a select case's
// communication (<-ch in `case <-ch:` or `case v := <-ch:`), or nil for a
// send or the default case.
func CommRecv(comm ast.Stmt) ast.Expr {
	switch s := comm.(type) {
	case *ast.ExprStmt:
		return s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			return s.Rhs[0]
		}
	}
	return nil
}

// isIdent reports whether e is an identifier.
func isIdent(e ast.Expr) bool { return IdentOf(e) != nil }

// IdentOf returns e, through parentheses, as an identifier, or nil.
func IdentOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// Forwarder returns the call a function's body only makes, handing on
// the function's own parameters in order (func(ctx context.Context) error
// { return w.run(ctx) }), or nil: such a function is the one it calls,
// started or passed under another name.
func Forwarder(info *types.Info, ftype *ast.FuncType, body *ast.BlockStmt) *ast.CallExpr {
	if body == nil || len(body.List) != 1 {
		return nil
	}
	var e ast.Expr
	switch s := body.List[0].(type) {
	case *ast.ReturnStmt:
		if len(s.Results) == 1 {
			e = s.Results[0]
		}
	case *ast.ExprStmt:
		e = s.X
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	var params []types.Object
	variadic := false
	for _, field := range ftype.Params.List {
		if len(field.Names) == 0 {
			return nil // an unnamed parameter cannot be handed on
		}
		_, variadic = field.Type.(*ast.Ellipsis)
		for _, name := range field.Names {
			params = append(params, info.Defs[name])
		}
	}
	if len(call.Args) != len(params) || variadic != call.Ellipsis.IsValid() {
		return nil
	}
	for i, arg := range call.Args {
		id, ok := ast.Unparen(arg).(*ast.Ident)
		if !ok || params[i] == nil || info.Uses[id] != params[i] {
			return nil
		}
	}
	if _, ok := SubjectOf(info, call.Fun).(*types.Func); !ok {
		return nil // a declared function or method, not a variable
	}
	return call
}

// builtHere reports whether a method value's receiver may be a value built
// at the launch: a composite literal, through &, or a variable (which
// BindReceiver follows to its one value).
func builtHere(recv ast.Expr) bool {
	switch e := ast.Unparen(recv).(type) {
	case *ast.CompositeLit, *ast.Ident:
		return true
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(e.X).(*ast.CompositeLit)
		return ok
	}
	return false
}
