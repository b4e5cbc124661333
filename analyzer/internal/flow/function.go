package flow

// This file gathers, in one pass over a function body, what the later
// steps need to know about it: which error variables the walker can track,
// which nested literals run synchronously and write those variables (so
// the walker follows them inline, like sync.Once.Do bodies and deferred
// closures on named results), the single value each local variable holds
// (so `cerr := ctx.Err(); cerr != nil` reads as a test), and where its
// cancellation tests are.

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// FuncInfo is one function body under examination.
type FuncInfo struct {
	Info     *types.Info
	Node     ast.Node // *ast.FuncDecl or *ast.FuncLit
	Body     *ast.BlockStmt
	Sig      *types.Signature
	Obj      *types.Func       // the declared function, nil for a literal
	ErrIdx   int               // index of the error result, or -1
	named    *types.Var        // named error result, or nil
	Launch   *recognize.Launch // how the function is launched, or nil
	Callback bool              // passed as a callback, it uses a context from outside (captured, or bound to its receiver)
	Bound    *recognize.Bound  // a launched method's receiver fields, bound to the launch's values; or nil
	// FieldContext marks a method with no context parameter that observes
	// a context its receiver keeps (a group type's Wait selecting on
	// g.ctx.Done()): its error reaches whoever cancels that context.
	FieldContext bool
	// ResultChans are the error channels a launched literal without an
	// error result reports on, and that someone reads (recognize.ResultChans): the
	// task's result travels there. Each maps to its name in a send.
	ResultChans map[types.Object]ast.Expr
	// SuccessChans are channels of other types that the same goroutine
	// reports completion on, beside its error channel: fields of the same
	// value (f.results beside f.errs).
	SuccessChans map[types.Object]bool

	Values *ValueIndex // the package's local values, where ownership needs them; may be nil

	vars     map[*types.Var]int          // tracked error variables and their bit
	inlined  map[*ast.FuncLit]bool       // synchronous literals that write tracked variables
	defers   []*ast.FuncLit              // inlined deferred literals, in source order
	heldAt   map[*ast.Ident]*ast.FuncLit // the one use of a variable holding a synchronous literal
	Tests    map[ast.Node]recognize.TestRef
	TestList []*recognize.CancelTest
}

// IsTask reports whether the function is a task body: its error reaches
// someone who may have cancelled it.
func (fi *FuncInfo) IsTask() bool {
	if fi.Launch != nil {
		return fi.ErrIdx >= 0 || fi.ChanMode()
	}
	return fi.ErrIdx >= 0 && (recognize.HasContextParam(fi.Sig) || fi.Callback || fi.FieldContext)
}

// ChanMode reports whether the task reports its result on channels.
func (fi *FuncInfo) ChanMode() bool { return len(fi.ResultChans) > 0 }

// SoleError reports whether the error is the function's only result.
func (fi *FuncInfo) SoleError() bool {
	return fi.ErrIdx == 0 && fi.Sig.Results().Len() == 1
}

// varIndex returns the bit of a tracked variable, or -1.
func (fi *FuncInfo) varIndex(obj types.Object) int {
	v, ok := obj.(*types.Var)
	if !ok {
		return -1
	}
	if i, ok := fi.vars[v]; ok {
		return i
	}
	return -1
}

// ScanFunc fills in the variables, inlined literals and values of fi.
func ScanFunc(info *types.Info, fi *FuncInfo, isLauncherCall func(*ast.CallExpr) bool) {
	declared := make(map[*types.Var]bool) // error variables declared in fi
	var order []*types.Var
	writtenIn := make(map[*types.Var][]*ast.FuncLit) // error variables written inside nested literals
	syncLits := make(map[*ast.FuncLit]bool)          // nested literals run synchronously, without results
	var deferred []*ast.FuncLit

	record := func(v *types.Var, lit *ast.FuncLit) {
		if lit != nil && declared[v] {
			writtenIn[v] = append(writtenIn[v], lit)
		}
	}
	innermostLit := func(stack []ast.Node) *ast.FuncLit {
		for i := len(stack) - 1; i >= 0; i-- {
			if lit, ok := stack[i].(*ast.FuncLit); ok && lit != fi.Node {
				return lit
			}
		}
		return nil
	}

	// Literals held in a variable (fn := func() {…}; once.Do(fn)) run
	// where the variable's one use calls or passes them.
	held := make(map[*types.Var]*ast.FuncLit)
	heldUses := make(map[*types.Var][]*ast.Ident)
	heldStacks := make(map[*ast.Ident][]ast.Node)
	hold := func(lhs, rhs ast.Expr) {
		lit, ok := ast.Unparen(rhs).(*ast.FuncLit)
		id, isID := ast.Unparen(lhs).(*ast.Ident)
		if !ok || !isID {
			return
		}
		if v, ok := info.ObjectOf(id).(*types.Var); ok {
			if _, twice := held[v]; twice {
				lit = nil // which one runs?
			}
			held[v] = lit
		}
	}

	ast.PreorderStack(fi.Node, nil, func(n ast.Node, stack []ast.Node) bool {
		stack = recognize.WithoutParens(stack) // once.Do((func() {…}))
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := info.Defs[n].(*types.Var); ok && !v.IsField() && recognize.IsErrorType(v.Type()) && !declared[v] {
				declared[v] = true
				order = append(order, v)
			}
			if v, ok := info.Uses[n].(*types.Var); ok && recognize.IsSignature(v.Type()) {
				if as, ok := stack[len(stack)-1].(*ast.AssignStmt); !ok || !recognize.AssignedBy(as, n) {
					heldUses[v] = append(heldUses[v], n)
					heldStacks[n] = slices.Clone(stack)
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 1 && len(n.Values) == 1 {
				hold(n.Names[0], n.Values[0])
			}
		case *ast.FuncLit:
			if n != fi.Node && isSyncLit(n, stack, isLauncherCall) {
				syncLits[n] = true
				if _, ok := stack[len(stack)-2].(*ast.DeferStmt); ok && ast.Unparen(stack[len(stack)-1].(*ast.CallExpr).Fun) == n {
					deferred = append(deferred, n)
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
				hold(n.Lhs[0], n.Rhs[0])
			}
			lit := innermostLit(stack)
			for _, lhs := range n.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					if v, ok := info.ObjectOf(id).(*types.Var); ok {
						record(v, lit)
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && declared[v] {
						writtenIn[v] = append(writtenIn[v], nil) // written through a pointer
					}
				}
			}
		}
		return true
	})

	fi.heldAt = make(map[*ast.Ident]*ast.FuncLit)
	for v, lit := range held {
		if lit == nil || len(heldUses[v]) != 1 {
			continue
		}
		use := heldUses[v][0]
		if isSyncLitAt(lit, use, heldStacks[use], isLauncherCall) {
			syncLits[lit] = true
			fi.heldAt[use] = lit
			stack := heldStacks[use]
			if _, ok := stack[len(stack)-2].(*ast.DeferStmt); ok && ast.Unparen(stack[len(stack)-1].(*ast.CallExpr).Fun) == use {
				deferred = append(deferred, lit) // fn := func() {…}; defer fn()
				slices.SortFunc(deferred, func(a, b *ast.FuncLit) int { return cmp.Compare(deferPos(fi, a), deferPos(fi, b)) })
			}
		}
	}

	// A variable is tracked unless something the walker does not follow
	// (a launched or stored literal, a pointer) may write it.
	fi.vars = make(map[*types.Var]int)
	for _, v := range order {
		ok := true
		for _, lit := range writtenIn[v] {
			if lit == nil || !syncLits[lit] {
				ok = false
				break
			}
		}
		if ok && len(fi.vars) < 64 {
			fi.vars[v] = len(fi.vars)
		}
	}
	if fi.ErrIdx >= 0 {
		if r := fi.Sig.Results().At(fi.ErrIdx); r.Name() != "" && r.Name() != "_" {
			if _, ok := fi.vars[r]; ok {
				fi.named = r
			}
		}
	}

	// Inline a synchronous literal only when it writes a tracked variable
	// of fi: that is the only way its paths change fi's result.
	fi.inlined = make(map[*ast.FuncLit]bool)
	for v, ws := range writtenIn {
		if _, tracked := fi.vars[v]; !tracked {
			continue
		}
		for _, lit := range ws {
			if lit != nil && (v.Pos() < lit.Pos() || v.Pos() >= lit.End()) {
				fi.inlined[lit] = true
			}
		}
	}
	for _, lit := range deferred { // in source order already
		if fi.inlined[lit] {
			fi.defers = append(fi.defers, lit)
		}
	}
}

// isSyncLit reports whether a nested literal without results runs on the
// caller's goroutine: called at once, deferred, or passed to a call that is
// not a launcher.
func isSyncLit(lit *ast.FuncLit, stack []ast.Node, isLauncherCall func(*ast.CallExpr) bool) bool {
	return isSyncLitAt(lit, lit, stack, isLauncherCall)
}

// deferPos returns where a deferred literal of fi is deferred: the defer
// statement of its held variable, or the literal itself.
func deferPos(fi *FuncInfo, lit *ast.FuncLit) token.Pos {
	for id, l := range fi.heldAt {
		if l == lit {
			return id.Pos()
		}
	}
	return lit.Pos()
}

// isSyncLitAt is isSyncLit for the literal lit written, or named, at ref.
func isSyncLitAt(lit *ast.FuncLit, ref ast.Expr, stack []ast.Node, isLauncherCall func(*ast.CallExpr) bool) bool {
	if lit.Type.Results != nil && lit.Type.Results.NumFields() > 0 || len(stack) < 2 {
		return false
	}
	call, ok := stack[len(stack)-1].(*ast.CallExpr)
	if !ok {
		return false
	}
	if ast.Unparen(call.Fun) == ref {
		// func(){…}() — but not go func(){…}().
		_, isGo := stack[len(stack)-2].(*ast.GoStmt)
		return !isGo
	}
	if _, isGo := stack[len(stack)-2].(*ast.GoStmt); isGo {
		return false
	}
	return !isLauncherCall(call)
}

// CollectTests finds the cancellation tests of fi: in conditions, switch
// and select cases and <-ctx.Done() statements of its body and of the
// literals the walker inlines. Loop conditions are kept as guards.
func CollectTests(fi *FuncInfo, r *recognize.Recognizer) {
	fi.Tests = make(map[ast.Node]recognize.TestRef)
	add := func(t *recognize.CancelTest, positive bool) {
		t.Index = len(fi.TestList) + 1
		fi.TestList = append(fi.TestList, t)
		fi.Tests[t.Node] = recognize.TestRef{Test: t, Positive: positive}
	}
	var cond func(e, root ast.Expr, guard bool)
	cond = func(e, root ast.Expr, guard bool) {
		e = ast.Unparen(e)
		if t, pos := r.Cond(e); t != nil {
			t.Guard, t.Cond = guard, root
			add(t, pos)
			return
		}
		switch x := e.(type) {
		case *ast.UnaryExpr:
			if x.Op == token.NOT {
				cond(x.X, root, guard)
			}
		case *ast.BinaryExpr:
			if x.Op == token.LAND || x.Op == token.LOR {
				cond(x.X, root, guard)
				cond(x.Y, root, guard)
			}
		}
	}
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return fi.inlined[n]
		case *ast.IfStmt:
			cond(n.Cond, n.Cond, false)
		case *ast.ForStmt:
			if n.Cond != nil {
				cond(n.Cond, n.Cond, true)
			}
		case *ast.SwitchStmt:
			for _, c := range n.Body.List {
				cc := c.(*ast.CaseClause)
				if n.Tag == nil {
					for _, v := range cc.List {
						cond(v, v, false)
					}
					continue
				}
				for _, v := range cc.List {
					if t, pos := r.CaseValue(n.Tag, v); t != nil {
						add(t, pos)
					}
				}
			}
		case *ast.CommClause:
			if t := r.Comm(n); t != nil {
				add(t, true)
			}
			for _, s := range n.Body { // not the Comm: it is the clause's test
				ast.Inspect(s, visit)
			}
			return false
		case *ast.ExprStmt:
			if t := r.ReceiveDone(n.X); t != nil {
				t.Node = n
				add(t, true)
			} else if t := r.QuitterCall(n.X); t != nil {
				t.Node = n // waitReady(ctx)
				add(t, true)
			}
		}
		return true
	}
	ast.Inspect(fi.Body, visit)
}

// ValueIndex knows the single value each local variable of a package is
// given, so that `cerr := ctx.Err(); cerr != nil` and `done := ctx.Done()`
// read as tests, also from a literal that captures the variable. It scans
// a top-level declaration the first time one of its variables is asked for.
type ValueIndex struct {
	info    *types.Info
	files   []*ast.File
	scanned map[ast.Decl]bool
	assigns map[*types.Var]int // assignments, or 2 when the value is unknown
	values  map[*types.Var]ast.Expr
	// fields holds, for a context variable, whether every value it is
	// given is a context field of a type that owns it (ctx = m.stopCtx).
	fields map[*types.Var]bool
	// cancelFields are the struct fields that some function of the package
	// stores a context's cancel in (ctx, s.cancel = context.WithCancel(ctx));
	// nil until asked for.
	cancelFields map[*types.Var]bool
	// derivedFields are the context fields the package stores a context
	// derived from a live one in (see DerivedField).
	derivedFields map[*types.Var]bool
	// assignedFields are the struct fields that some code of the package
	// assigns or takes the address of; nil until asked for.
	assignedFields map[*types.Var]bool
}

// FieldAssigned reports whether some code of the package assigns the
// field v (x.f = …, x.f++) or takes its address (&x.f), so that the value
// a composite literal gives it may not be the one read.
func (x *ValueIndex) FieldAssigned(v *types.Var) bool {
	if x.assignedFields == nil {
		x.assignedFields = make(map[*types.Var]bool)
		mark := func(e ast.Expr) {
			if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
				if fv, ok := x.info.Uses[sel.Sel].(*types.Var); ok && fv.IsField() {
					x.assignedFields[fv] = true
				}
			}
		}
		for _, f := range x.files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for _, lhs := range n.Lhs {
						mark(lhs)
					}
				case *ast.IncDecStmt:
					mark(n.X)
				case *ast.UnaryExpr:
					if n.Op == token.AND {
						mark(n.X)
					}
				}
				return true
			})
		}
	}
	return x.assignedFields[v]
}

// IsCancelField reports whether v is a field that the package stores a
// context's cancel function in: from the call that makes the context
// (ctx, s.cancel = context.WithCancel(ctx)), or as a value of type
// context.CancelFunc, by assignment or in a composite literal
// (&server{ctx: ctx, cancel: cancel}). A field the package cannot see
// stored to, declared in another package, is taken to be one if its type
// fits.
func (x *ValueIndex) IsCancelField(v *types.Var) bool {
	if !x.declaredHere(v.Pos()) {
		return recognize.IsCancelFunc(v.Type())
	}
	if x.cancelFields == nil {
		x.cancelFields = make(map[*types.Var]bool)
		field := func(e ast.Expr) *types.Var {
			if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
				if fv, ok := x.info.Uses[sel.Sel].(*types.Var); ok && fv.IsField() {
					return fv
				}
			}
			return nil
		}
		isCancelValue := func(e ast.Expr) bool { return recognize.IsNamedCancelFunc(x.info.TypeOf(e)) }
		for _, f := range x.files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					if len(n.Lhs) == len(n.Rhs) {
						for i, lhs := range n.Lhs {
							if fv := field(lhs); fv != nil && isCancelValue(n.Rhs[i]) {
								x.cancelFields[fv] = true // s.cancel = cancel
							}
						}
						return true
					}
					if len(n.Rhs) != 1 {
						return true
					}
					tuple, ok := x.info.TypeOf(n.Rhs[0]).(*types.Tuple)
					if !ok || tuple.Len() != len(n.Lhs) {
						return true
					}
					hasCtx := false
					for i := range tuple.Len() {
						hasCtx = hasCtx || recognize.IsContextType(tuple.At(i).Type())
					}
					for i, lhs := range n.Lhs {
						if fv := field(lhs); fv != nil && hasCtx && recognize.IsCancelFunc(tuple.At(i).Type()) {
							x.cancelFields[fv] = true
						}
					}
				case *ast.CompositeLit:
					recognize.EachFieldValue(x.info, n, func(f *types.Var, v ast.Expr) {
						if isCancelValue(v) {
							x.cancelFields[f] = true
						}
					})
				}
				return true
			})
		}
	}
	return x.cancelFields[v]
}

// OwnsContext reports whether t (or what it points to) is a struct that
// keeps a context together with the function that cancels it.
func (x *ValueIndex) OwnsContext(t types.Type) bool {
	return recognize.TypeOwnsContext(t, x.IsCancelField)
}

// declaredHere reports whether pos is in one of the package's files.
func (x *ValueIndex) declaredHere(pos token.Pos) bool {
	for _, f := range x.files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return true
		}
	}
	return false
}

func NewValueIndex(info *types.Info, files []*ast.File) *ValueIndex {
	return &ValueIndex{
		info:    info,
		files:   files,
		scanned: make(map[ast.Decl]bool),
		assigns: make(map[*types.Var]int),
		values:  make(map[*types.Var]ast.Expr),
		fields:  make(map[*types.Var]bool),
	}
}

// Origin returns the single value the local variable id names is given, if
// it is assigned exactly once and its address is never taken.
func (x *ValueIndex) Origin(id *ast.Ident) ast.Expr {
	v, _ := x.info.ObjectOf(id).(*types.Var)
	return x.OriginOf(v)
}

// OriginOf is Origin by variable.
func (x *ValueIndex) OriginOf(v *types.Var) ast.Expr {
	if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	x.scanDeclOf(v)
	if x.assigns[v] != 1 {
		return nil
	}
	return x.values[v]
}

// OwnedFieldsOnly reports whether the local context variable v is only
// ever given context fields of a type that keeps them with their cancel.
func (x *ValueIndex) OwnedFieldsOnly(v *types.Var) bool {
	x.scanDeclOf(v)
	return x.fields[v]
}

func (x *ValueIndex) scanDeclOf(v *types.Var) {
	if d := x.DeclAt(v.Pos()); d != nil && !x.scanned[d] {
		x.scanned[d] = true
		x.scan(d)
	}
}

func (x *ValueIndex) DeclAt(pos token.Pos) ast.Decl {
	return recognize.DeclAt(x.files, pos)
}

func (x *ValueIndex) scan(d ast.Decl) {
	set := func(e ast.Expr, value ast.Expr, count int) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := x.info.ObjectOf(id).(*types.Var); ok {
				x.assigns[v] += count
				x.values[v] = value
			}
		}
	}
	// field records a value given to a context variable, by `=` too.
	field := func(e ast.Expr, value ast.Expr) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return
		}
		v, ok := x.info.ObjectOf(id).(*types.Var)
		if !ok || !recognize.IsContextType(v.Type()) {
			return
		}
		sel, ok := ast.Unparen(value).(*ast.SelectorExpr)
		owned := ok && value != nil && x.OwnsContext(x.info.TypeOf(sel.X))
		if prev, seen := x.fields[v]; seen && !prev {
			return
		}
		x.fields[v] = owned
	}
	// A variable declared without a value (var err error) and given one
	// value later in the same block, before any use of it, is that value:
	// var err error; err = f(ctx) is err := f(ctx).
	zeroIn := make(map[*types.Var]*ast.BlockStmt) // the block declaring it without a value
	setAt := make(map[*types.Var]token.Pos)       // where that later value is given
	firstUse := make(map[*types.Var]token.Pos)
	targets := make(map[*ast.Ident]bool)
	varOf := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := x.info.ObjectOf(id).(*types.Var)
		return v
	}
	ast.PreorderStack(d, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := x.info.Uses[n].(*types.Var); ok && !targets[n] {
				if p, seen := firstUse[v]; !seen || n.Pos() < p {
					firstUse[v] = n.Pos()
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
					field(lhs, n.Rhs[i])
				} else {
					field(lhs, nil)
				}
				later := n.Tok == token.ASSIGN && len(stack) > 0 && varOf(lhs) != nil && zeroIn[varOf(lhs)] == stack[len(stack)-1]
				if later {
					if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
						targets[id] = true
					}
					if _, twice := setAt[varOf(lhs)]; twice {
						later = false
					} else {
						setAt[varOf(lhs)] = n.Pos()
					}
				}
				switch {
				case (n.Tok == token.DEFINE || later) && len(n.Lhs) == len(n.Rhs):
					set(lhs, n.Rhs[i], 1)
				case (n.Tok == token.DEFINE || later) && i == 0 && len(n.Rhs) == 1:
					// s, ok := status.FromError(err): s comes from the call.
					set(lhs, n.Rhs[0], 1)
				default: // a reassignment, the other results of a call, an op=
					set(lhs, nil, 2)
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if len(n.Values) == len(n.Names) {
					field(name, n.Values[i])
				} else if len(n.Values) > 0 {
					field(name, nil)
				}
				switch {
				case len(n.Values) == len(n.Names):
					set(name, n.Values[i], 1)
				case i == 0 && len(n.Values) == 1:
					// var s, ok = status.FromError(err), as with :=.
					set(name, n.Values[0], 1)
				case len(n.Values) == 0 && len(stack) >= 3:
					// var err error, in a declaration statement of a block
					if b, ok := stack[len(stack)-3].(*ast.BlockStmt); ok {
						if v := varOf(name); v != nil {
							zeroIn[v] = b
						}
					}
				default: // the other results of a call
					set(name, nil, 2)
				}
			}
		case *ast.RangeStmt:
			set(n.Key, nil, 2)
			set(n.Value, nil, 2)
			field(n.Key, nil)
			field(n.Value, nil)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				set(n.X, nil, 2)
				field(n.X, nil)
			}
		}
		return true
	})
	for v, at := range setAt {
		if p, used := firstUse[v]; used && p < at {
			x.assigns[v] = 2 // its zero value is read first
		}
	}
}
