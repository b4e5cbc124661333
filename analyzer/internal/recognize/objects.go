package recognize

// This file identifies the objects the analyzer cares about — context
// sentinels and methods, errors.Is, gRPC status codes, error constructors —
// by package path and name of their types.Object, never by the spelling
// of an identifier, so renamed and dot imports, shadowed package names and
// aliases of context.Context are all seen through.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"golang.org/x/tools/go/ast/inspector"
	"sort"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

const (
	ContextPath = "context"
	GrpcCodes   = "google.golang.org/grpc/codes"
)

// IsPkgLevel reports whether obj is the package-level object path.name.
func IsPkgLevel(obj types.Object, path, name string) bool {
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == path && obj.Name() == name &&
		obj.Parent() == obj.Pkg().Scope()
}

// CalleeFunc returns the function or method a call statically targets,
// normalised to its generic origin, or nil.
func CalleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn != nil {
		fn = fn.Origin()
	}
	return fn
}

// IsFunc reports whether fn is the package-level function path.name.
func IsFunc(fn *types.Func, path, name string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Name() != name || fn.Pkg().Path() != path {
		return false
	}
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() == nil
}

// FuncName returns the name by which -launchers refers to fn:
// "pkg/path.Func" or "(*pkg/path.Type).Method", without type arguments.
func FuncName(fn *types.Func) string {
	name := fn.FullName()
	// Drop the type parameter list of a generic receiver: (*p.Pool[T]).Go.
	if i := strings.IndexByte(name, '['); i >= 0 {
		if j := strings.IndexByte(name[i:], ']'); j >= 0 {
			name = name[:i] + name[i+j+1:]
		}
	}
	return name
}

var errorType = types.Universe.Lookup("error").Type()

// IsErrorType reports whether t is the predeclared error interface.
func IsErrorType(t types.Type) bool {
	return t != nil && types.Identical(t, errorType)
}

// IsErrorLike reports whether values of t are errors: error itself, a
// type that implements it, or a type parameter constrained by it.
func IsErrorLike(t types.Type) bool {
	if t == nil {
		return false
	}
	return types.Implements(t, errorType.Underlying().(*types.Interface))
}

// IsContextType reports whether t is context.Context, an alias of it, or an
// interface that embeds it.
func IsContextType(t types.Type) bool {
	if t == nil {
		return false
	}
	t = types.Unalias(t)
	if named, ok := t.(*types.Named); ok {
		if obj := named.Obj(); IsPkgLevel(obj, ContextPath, "Context") {
			return true
		}
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for i := range iface.NumMethods() {
		if m := iface.Method(i); m.Name() == "Done" && m.Pkg() != nil && m.Pkg().Path() == ContextPath {
			return true
		}
	}
	return false
}

// ErrorResult returns the index of the error result of sig, or -1.
// The last result of type error is the one a caller inspects.
func ErrorResult(sig *types.Signature) int {
	if sig == nil {
		return -1
	}
	res := sig.Results()
	for i := res.Len() - 1; i >= 0; i-- {
		if IsErrorType(res.At(i).Type()) {
			return i
		}
	}
	return -1
}

// HasContextParam reports whether sig takes a context.
func HasContextParam(sig *types.Signature) bool {
	if sig == nil {
		return false
	}
	for i := range sig.Params().Len() {
		if IsContextType(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// sentinelOf returns the sentinels e names: context.Canceled or
// context.DeadlineExceeded, or the gRPC codes Canceled and DeadlineExceeded
// (grpc reports whether e is a gRPC code).
func sentinelOf(info *types.Info, e ast.Expr) (s Sentinels, grpc bool) {
	var obj types.Object
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj = info.Uses[e]
	case *ast.SelectorExpr:
		obj = info.Uses[e.Sel]
	default:
		return 0, false
	}
	if obj == nil || obj.Pkg() == nil {
		return 0, false
	}
	switch obj.Pkg().Path() {
	case ContextPath:
		if _, ok := obj.(*types.Var); !ok || obj.Parent() != obj.Pkg().Scope() {
			return 0, false
		}
		switch obj.Name() {
		case "Canceled":
			return SentCanceled, false
		case "DeadlineExceeded":
			return SentDeadline, false
		}
	case GrpcCodes:
		if _, ok := obj.(*types.Const); !ok {
			return 0, false
		}
		switch obj.Name() {
		case "Canceled":
			return SentCanceled, true
		case "DeadlineExceeded":
			return SentDeadline, true
		}
	}
	return 0, false
}

// ContextMethodCall returns the context receiver of a call of its method
// name ("Done" or "Err"), or nil.
func ContextMethodCall(info *types.Info, e ast.Expr, name string) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return nil
	}
	selection := info.Selections[sel]
	if selection == nil {
		return nil
	}
	fn, ok := selection.Obj().(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != ContextPath {
		return nil
	}
	return sel.X
}

// ContextErrCall returns the context of ctx.Err() or context.Cause(ctx), or nil.
func ContextErrCall(info *types.Info, e ast.Expr) ast.Expr {
	if ctx := ContextMethodCall(info, e, "Err"); ctx != nil {
		return ctx
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 &&
		IsFunc(CalleeFunc(info, call), ContextPath, "Cause") {
		return call.Args[0]
	}
	return nil
}

// isErrorsIs reports whether fn is errors.Is or one of its well-known
// drop-in replacements.
func isErrorsIs(fn *types.Func) bool {
	if fn == nil || fn.Name() != "Is" || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "errors", "golang.org/x/xerrors", "github.com/pkg/errors", "github.com/cockroachdb/errors":
		return IsFunc(fn, fn.Pkg().Path(), "Is")
	}
	return false
}

// grpcCodeOf returns the error whose gRPC code e computes: status.Code(err),
// status.Convert(err).Code(), or s.Code() where s came from
// status.FromError(err) or status.Convert(err) (origin resolves variables).
func grpcCodeOf(info *types.Info, e ast.Expr, origin func(*ast.Ident) ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := CalleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil || !isGRPCStatusPkg(fn.Pkg().Path()) {
		return nil
	}
	if fn.Name() == "Code" && len(call.Args) == 1 {
		if sig := fn.Type().(*types.Signature); sig.Recv() == nil {
			return call.Args[0] // status.Code(err)
		}
	}
	if fn.Name() == "Code" && len(call.Args) == 0 {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		recv := ast.Unparen(sel.X)
		if id, ok := recv.(*ast.Ident); ok && origin != nil {
			if o := origin(id); o != nil {
				recv = ast.Unparen(o)
			}
		}
		if c, ok := recv.(*ast.CallExpr); ok && len(c.Args) == 1 {
			if f := CalleeFunc(info, c); f != nil && f.Pkg() != nil && isGRPCStatusPkg(f.Pkg().Path()) {
				switch f.Name() {
				case "Convert", "FromError", "FromContextError":
					return c.Args[0]
				}
			}
		}
	}
	return nil
}

func isGRPCStatusPkg(path string) bool {
	return path == "google.golang.org/grpc/status" || path == "google.golang.org/grpc/internal/status"
}

// IsNil reports whether e is the predeclared nil.
func IsNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// BoolConst returns the value of a constant boolean expression.
func BoolConst(info *types.Info, e ast.Expr) (value, ok bool) {
	tv, found := info.Types[ast.Unparen(e)]
	if !found || tv.Value == nil || tv.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(tv.Value), true
}

// IsNoReturn reports whether a call never returns normally: panic,
// os.Exit, runtime.Goexit, log.Fatal* and log.Panic*, testing's Fatal*.
func IsNoReturn(info *types.Info, call *ast.CallExpr) bool {
	switch obj := typeutil.Callee(info, call).(type) {
	case *types.Builtin:
		return obj.Name() == "panic"
	case *types.Func:
		if obj.Pkg() == nil {
			return false
		}
		name := obj.Name()
		switch obj.Pkg().Path() {
		case "os":
			return name == "Exit"
		case "runtime":
			return name == "Goexit"
		case "log", "testing":
			return strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic") || name == "FailNow" || strings.HasPrefix(name, "Skip")
		}
	}
	return false
}

// ConstructedError reports whether e certainly yields a non-nil error
// whatever the state: a constructor (errors.New, fmt.Errorf and their
// well-known kin, or one of cons), a composite literal or its address, or
// a package-level error variable (sentinel errors are initialised once and
// never nil).
func ConstructedError(info *types.Info, e ast.Expr, cons *Constructors) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(e.X).(*ast.CompositeLit)
		return ok
	case *ast.Ident, *ast.SelectorExpr:
		var id *ast.Ident
		if sel, ok := e.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = e.(*ast.Ident)
		}
		v, ok := info.Uses[id].(*types.Var)
		return ok && !v.IsField() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && IsErrorType(v.Type())
	case *ast.CallExpr:
		fn := CalleeFunc(info, e)
		if fn == nil || fn.Pkg() == nil {
			return false
		}
		switch fn.Pkg().Path() {
		case "errors":
			return fn.Name() == "New"
		case "fmt":
			return fn.Name() == "Errorf"
		case "github.com/pkg/errors", "github.com/cockroachdb/errors":
			return fn.Name() == "New" || fn.Name() == "Errorf"
		}
		return cons.has(fn)
	}
	return false
}

// WrappedErrors returns the error arguments of a wrapping call that is non-nil
// whenever that argument is: fmt.Errorf, errors.Join, pkg/errors' Wrap
// family, and the wrappers cons knows. It returns the candidate arguments;
// callers check their nilness.
func WrappedErrors(info *types.Info, e ast.Expr, cons *Constructors) []ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := CalleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	switch fn.Pkg().Path() {
	case "errors":
		if fn.Name() == "Join" {
			return call.Args
		}
	case "github.com/pkg/errors", "github.com/cockroachdb/errors":
		switch fn.Name() {
		case "Wrap", "Wrapf", "WithStack", "WithMessage", "WithMessagef":
			if len(call.Args) > 0 {
				return call.Args[:1]
			}
		}
	}
	if p := cons.wrapped(fn); p >= 0 && p < len(call.Args) {
		return call.Args[p : p+1]
	}
	return nil
}

// IsPure reports whether evaluating x again has no effect: names and
// field selections.
func IsPure(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return IsPure(x.X)
	}
	return false
}

// IsErrorChan reports whether t is a channel of errors.
func IsErrorChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := types.Unalias(t).Underlying().(*types.Chan)
	return ok && IsErrorType(ch.Elem())
}

// SubjectOf returns the variable or field an expression names, or nil.
func SubjectOf(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		return info.Uses[e.Sel]
	}
	return nil
}

// IsCancelFunc reports whether t can cancel a context: context.CancelFunc,
// CancelCauseFunc, or a plain func() or func(error).
func IsCancelFunc(t types.Type) bool {
	if t == nil {
		return false
	}
	sig, ok := types.Unalias(t).Underlying().(*types.Signature)
	if !ok || sig.Results().Len() != 0 {
		return false
	}
	p := sig.Params()
	return p.Len() == 0 || p.Len() == 1 && IsErrorType(p.At(0).Type())
}

// IsErrgroup reports whether t is *errgroup.Group.
func IsErrgroup(t types.Type) bool {
	ptr, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	return ok && IsPkgLevel(named.Obj(), "golang.org/x/sync/errgroup", "Group")
}

// TypeOwnsContext reports whether t (or what it points to) is a struct
// that keeps a context together with a function that cancels it, or with
// the errgroup that does. A field of function type is that function when
// isCancel says so: a func() field is as often a callback (show func()) as
// a cancel, and only what is stored in it tells them apart.
func TypeOwnsContext(t types.Type, isCancel func(*types.Var) bool) bool {
	st, ok := StructOf(t)
	if !ok {
		return false
	}
	hasCtx, hasCancel := false, false
	for i := range st.NumFields() {
		f := st.Field(i)
		switch {
		case IsContextType(f.Type()):
			hasCtx = true
		case IsErrgroup(f.Type()):
			hasCancel = true // an errgroup made by WithContext cancels its context
		case IsCancelFunc(f.Type()):
			hasCancel = hasCancel || IsNamedCancelFunc(f.Type()) || isCancel == nil || isCancel(f)
		}
	}
	return hasCtx && hasCancel
}

// IsNamedCancelFunc reports whether t is context.CancelFunc or
// context.CancelCauseFunc.
func IsNamedCancelFunc(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && (IsPkgLevel(named.Obj(), ContextPath, "CancelFunc") || IsPkgLevel(named.Obj(), ContextPath, "CancelCauseFunc"))
}

// IsDetached reports whether ctx is a root context: context.Background(),
// TODO() or WithoutCancel(…), which no received cancellation reaches.
func IsDetached(info *types.Info, ctx ast.Expr) bool {
	call, ok := ast.Unparen(ctx).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := CalleeFunc(info, call)
	return IsFunc(fn, ContextPath, "Background") || IsFunc(fn, ContextPath, "TODO") || IsFunc(fn, ContextPath, "WithoutCancel")
}

// IsContextConstructor reports whether fn derives or makes a context
// without receiving one from outside: context.Background and TODO, and the
// With* family (whose parent is counted where it is read).
func IsContextConstructor(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != ContextPath {
		return false
	}
	return true
}

// DeclAt returns the top-level declaration of files that holds pos, or nil.
func DeclAt(files []*ast.File, pos token.Pos) ast.Decl {
	for _, f := range files {
		if f.FileStart <= pos && pos < f.FileEnd {
			i := sort.Search(len(f.Decls), func(i int) bool { return f.Decls[i].End() > pos })
			if i < len(f.Decls) && f.Decls[i].Pos() <= pos {
				return f.Decls[i]
			}
		}
	}
	return nil
}

// WithoutParens returns a copy of stack, a path of enclosing nodes, without
// its parenthesised expressions: what a node is to its parent does not
// depend on parentheses.
func WithoutParens(stack []ast.Node) []ast.Node {
	out := make([]ast.Node, 0, len(stack))
	for _, n := range stack {
		if _, ok := n.(*ast.ParenExpr); !ok {
			out = append(out, n)
		}
	}
	return out
}

// BodyOf returns the statements that are a function's body in effect:
// body itself, or, when body only runs a literal in place and returns
// what it returns (return func() error { … }(), or func() { … }() for a
// function without results), that literal's body, as often as it nests.
func BodyOf(body *ast.BlockStmt) *ast.BlockStmt {
	for body != nil && len(body.List) == 1 {
		var call ast.Expr
		switch s := body.List[0].(type) {
		case *ast.ReturnStmt:
			if len(s.Results) == 1 {
				call = s.Results[0]
			}
		case *ast.ExprStmt:
			call = s.X
		}
		c, ok := ast.Unparen(call).(*ast.CallExpr)
		if !ok || len(c.Args) != 0 {
			return body
		}
		lit, ok := ast.Unparen(c.Fun).(*ast.FuncLit)
		if !ok || lit.Type.Params.NumFields() != 0 {
			return body
		}
		if _, isReturn := body.List[0].(*ast.ReturnStmt); !isReturn && lit.Type.Results.NumFields() != 0 {
			return body
		}
		body = lit.Body
	}
	return body
}

// EffectiveFunc returns the function whose body the function at c is: the
// enclosing function when c is a literal it only runs in place and returns
// (return func() error { … }()), as often as that nests; otherwise c.
func EffectiveFunc(c inspector.Cursor) inspector.Cursor {
	for {
		lit, ok := c.Node().(*ast.FuncLit)
		if !ok {
			return c
		}
		var outer inspector.Cursor
		found := false
		for o := range c.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			outer, found = o, true
			break
		}
		if !found {
			return c
		}
		var body *ast.BlockStmt
		switch f := outer.Node().(type) {
		case *ast.FuncDecl:
			body = f.Body
		case *ast.FuncLit:
			body = f.Body
		}
		if BodyOf(body) != lit.Body {
			return c
		}
		c = outer
	}
}

// AssignedBy reports whether x is one of the left-hand sides of as: given
// a value there, not used.
func AssignedBy(as *ast.AssignStmt, x ast.Node) bool {
	for _, l := range as.Lhs {
		if ast.Unparen(l) == x {
			return true
		}
	}
	return false
}

// LitWithBody returns the function literal within n whose body is body, or
// n itself: the literal a body run in place (BodyOf) belongs to.
func LitWithBody(n ast.Node, body *ast.BlockStmt) ast.Node {
	found := n
	ast.Inspect(n, func(m ast.Node) bool {
		if lit, ok := m.(*ast.FuncLit); ok && lit.Body == body {
			found = lit
		}
		return found == n
	})
	return found
}

// StructOf returns the struct type t is, or points to.
func StructOf(t types.Type) (*types.Struct, bool) {
	if t == nil {
		return nil, false
	}
	if ptr, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		t = ptr.Elem()
	}
	st, ok := types.Unalias(t).Underlying().(*types.Struct)
	return st, ok
}

// SpecNames returns the names a var spec declares as the left-hand side
// of the assignment it is (var x, err = f() is x, err := f()).
func SpecNames(spec *ast.ValueSpec) []ast.Expr {
	lhs := make([]ast.Expr, len(spec.Names))
	for i, name := range spec.Names {
		lhs[i] = name
	}
	return lhs
}

// EachFieldValue calls f with each field a composite literal of a struct
// (or of a pointer to one) sets and the value it gives it, keyed or by
// position.
func EachFieldValue(info *types.Info, lit *ast.CompositeLit, f func(field *types.Var, value ast.Expr)) {
	st, ok := StructOf(info.TypeOf(lit))
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				if fv, ok := info.Uses[id].(*types.Var); ok && fv.IsField() {
					f(fv, kv.Value)
				}
			}
		} else if i < st.NumFields() {
			f(st.Field(i), elt)
		}
	}
}

// Decls finds the declarations of a package's functions and methods,
// indexed on first use.
type Decls struct {
	info  *types.Info
	files []*ast.File
	m     map[*types.Func]*ast.FuncDecl
}

// NewDecls returns the index of the functions declared in files.
func NewDecls(info *types.Info, files []*ast.File) *Decls {
	return &Decls{info: info, files: files}
}

// Of returns the declaration, with a body, of fn, or nil.
func (d *Decls) Of(fn *types.Func) *ast.FuncDecl {
	if d.m == nil {
		d.m = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range d.files {
			for _, decl := range f.Decls {
				if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := d.info.Defs[fd.Name].(*types.Func); ok {
						d.m[obj] = fd
					}
				}
			}
		}
	}
	return d.m[fn]
}
