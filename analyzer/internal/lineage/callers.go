package lineage

// This file finds owners one call away. An unexported function that is
// only ever called, in its package, with a context that each caller has
// just created and causes to end (ctx, cancel := context.WithTimeout(…);
// defer cancel(); return x.capture(ctx)) is a piece of those owners,
// factored out: what they own, it owns, and its suppression is theirs.

import (
	"go/ast"
	"go/token"
	"go/types"

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
}

func NewCallerOwnership(pkg *types.Package, fset *token.FileSet, info *types.Info, insp *inspector.Inspector, tests recognize.TestFiles, isLauncher func(*types.Func) bool) *CallerOwnership {
	return &CallerOwnership{pkg: pkg, fset: fset, info: info, insp: insp, cache: make(map[*types.Func]recognize.Sentinels), tests: tests, isLauncher: isLauncher}
}

// Owned returns the sentinels that every caller of fi owns of the one
// context fi receives as a parameter, where test t is about that context: none
// when fi is exported, a literal, launched, has no single context
// parameter, or is referred to other than by a direct call, and none for
// an observation of another context.
func (co *CallerOwnership) Owned(fi *flow.FuncInfo, t *recognize.CancelTest, ownerCategory bool) recognize.Sentinels {
	fn := fi.Obj
	if fn == nil || fn.Exported() || fi.Launch != nil || ownerCategory {
		return 0
	}
	if t != nil && t.OnContext() {
		if v, ok := t.Subject.(*types.Var); !ok || !isParam(fi.Sig, v) {
			return 0
		}
	}
	if owned, ok := co.cache[fn]; ok {
		return owned
	}
	owned := co.compute(fn, fi.Sig)
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
	if co.refs == nil {
		co.refs = make(map[*types.Func][]*ast.Ident)
		for id, obj := range co.info.Uses {
			if f, ok := obj.(*types.Func); ok {
				co.refs[f.Origin()] = append(co.refs[f.Origin()], id)
			}
		}
	}
	refs := co.refs[fn]
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
	cur, ok := co.insp.Root().FindByPos(id.Pos(), id.End())
	if !ok || cur.Node() != id {
		return 0
	}
	callee := cur
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
		callee = cur.Parent()
	}
	call, ok := callee.Parent().Node().(*ast.CallExpr)
	if ok && ast.Unparen(call.Fun) != callee.Node() && co.handedToFramework(call) {
		return recognize.SentAny
	}
	if !ok || ast.Unparen(call.Fun) != callee.Node() || at >= len(call.Args) {
		return 0
	}
	if co.tests.At(co.fset, id.Pos()) {
		return recognize.SentAny // tests own the contexts they make and hand on
	}
	if discardsError(co.info, callee.Parent()) || onlyLogsError(co.info, callee.Parent()) || checksAfter(co.info, callee.Parent(), call.Args[at]) {
		return recognize.SentAny // the nil changes nothing the caller does
	}
	for c := range callee.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		caller := FuncInfoOf(co.info, c)
		if caller == nil {
			return 0
		}
		own := OwnershipOf(co.info, caller)
		if !own.received {
			return recognize.SentAny // main, or a Stop that cancels and waits
		}
		if arg, ok := ast.Unparen(call.Args[at]).(*ast.Ident); ok {
			return own.created[co.info.Uses[arg]]
		}
		return 0
	}
	return 0
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
	call := cur.Node().(*ast.CallExpr)
	switch parent := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		return true
	case *ast.AssignStmt:
		if len(parent.Rhs) != 1 || parent.Rhs[0] != call {
			return false
		}
		at := recognize.ErrorResult(resultSignature(info, call))
		if at < 0 || at >= len(parent.Lhs) {
			return false
		}
		id, ok := parent.Lhs[at].(*ast.Ident)
		return ok && id.Name == "_"
	}
	return false
}

// resultSignature returns a signature whose results are those of call.
func resultSignature(info *types.Info, call *ast.CallExpr) *types.Signature {
	sig, _ := info.TypeOf(call.Fun).Underlying().(*types.Signature)
	return sig
}

// checksAfter reports whether the statement holding the call at cur is
// followed at once by a check of ctx: an if on ctx.Err() or a select on
// ctx.Done(). Whatever the callee returned on cancellation, the caller
// then learns of it from the context itself.
func checksAfter(info *types.Info, cur inspector.Cursor, ctx ast.Expr) bool {
	obj := recognize.SubjectOf(info, ctx)
	if obj == nil {
		return false
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

// onlyLogsError reports whether the call at cur is the init of an if that
// tests its error and only calls functions with it (logs it): nothing the
// caller does after depends on whether the error was nil.
//
//	if err := w.sync(ctx); err != nil {
//		log.Printf("sync: %v", err)
//	}
func onlyLogsError(info *types.Info, cur inspector.Cursor) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return false
	}
	ifs, ok := cur.Parent().Parent().Node().(*ast.IfStmt)
	if !ok || ifs.Init != as || ifs.Else != nil {
		return false
	}
	at := recognize.ErrorResult(resultSignature(info, cur.Node().(*ast.CallExpr)))
	if at < 0 || at >= len(as.Lhs) {
		return false
	}
	id, ok := as.Lhs[at].(*ast.Ident)
	if !ok {
		return false
	}
	v := info.ObjectOf(id)
	cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ || recognize.SubjectOf(info, cond.X) != v || !recognize.IsNil(info, cond.Y) {
		return false
	}
	logs := true
	ast.Inspect(ifs.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ReturnStmt, *ast.BranchStmt, *ast.SendStmt, *ast.GoStmt, *ast.DeferStmt, *ast.FuncLit:
			logs = false
		case *ast.AssignStmt, *ast.IncDecStmt:
			logs = false
		case *ast.ExprStmt:
			if _, isCall := ast.Unparen(n.X).(*ast.CallExpr); !isCall {
				logs = false
			}
		}
		return logs
	})
	return logs
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
