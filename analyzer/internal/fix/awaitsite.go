package fix

// This file finds where the owner of a launched task awaits it, and
// rewrites that await site so that the owner ignores the cancellation the
// task now propagates: the owner returns what it returned before for its
// own cancellation, and the real failures as before. The rewrite depends
// only on the await site and on the sentinels of every task awaited there,
// so that the fixes of several tasks make byte-identical edits that every
// driver merges into one.

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// awaitForm is the shape of an await statement.
type awaitForm uint8

const (
	awaitIfInit awaitForm = iota // if err := g.Wait(); err != nil {
	awaitReturn                  // return g.Wait()
	awaitAssign                  // err := g.Wait(); err = <-errc
	awaitRange                   // for err := range errc {
	awaitComm                    // case err := <-errc:
	awaitExpr                    // errors.Join(x, g.Wait()): wrapped where it stands
)

// AwaitSite is one place where an owner awaits tasks.
type AwaitSite struct {
	stmt ast.Stmt // the statement, or the one holding the expression
	form awaitForm
	Call ast.Expr   // the awaiting expression: g.Wait() or <-errc
	v    *ast.Ident // the variable that receives the error, if any
}

// AwaitPlan is every place where an owner awaits a group or a channel.
type AwaitPlan struct {
	Owner  *flow.FuncInfo
	Waited types.Object        // the group or channel awaited
	Owned  recognize.Sentinels // what the owner owns of the tasks' cancellation
	Name   string              // for messages: "g.Wait" or "<-errc"
	Sites  []*AwaitSite
	values *flow.ValueIndex // what a task held in a variable is
	// Parent names the context the owner received and derived the tasks'
	// from, when it did: the suppression holds only while it is live.
	Parent string
	// Withheld says why the suppression cannot be written, so that no
	// fix of the tasks awaited here is whole.
	Withheld string
	// CancelAt is where the owner cancels the tasks' context, if it does.
	CancelAt ast.Node
}

// AwaitFix is the rewrite of an await plan for the tasks awaited there.
type AwaitFix struct {
	*AwaitPlan
	Sentinels recognize.Sentinels
	Grpc      bool
}

// AwaitOf returns where the owner of a launched literal awaits it, or nil
// when the enclosing function does not own the cancellation or does not
// await the task in a form the fix knows.
func (fx *Fixer) AwaitOf(f *Finding) *AwaitPlan {
	if f.Fi.Launch == nil || f.S.Test == nil {
		return nil
	}
	// The owner: the function around the launched literal, or around the
	// launch of a declared function (g.Go(w.run)).
	at := f.Cur
	if _, isLit := f.Cur.Node().(*ast.FuncLit); !isLit {
		var ok bool
		if at, ok = fx.insp.Root().FindNode(f.Fi.Launch.Stmt()); !ok {
			return nil
		}
	}
	var enclosing inspector.Cursor
	found := false
	for c := range at.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		enclosing, found = c, true
		break
	}
	if !found {
		return nil
	}
	owner := ownership.FuncInfoOf(fx.info, enclosing)
	if owner == nil || owner.ErrIdx < 0 && owner.Sig.Results().Len() > 0 {
		return nil
	}
	owner.Values = f.Fi.Values
	own := ownership.Of(fx.info, owner)
	t := f.S.Test
	if v := f.Fi.Bound.Value(fx.info, t.Ctx); v != nil {
		// t.ctx of g.Go(task{ctx: ctx}.run) is the owner's ctx.
		launched := *t
		launched.Ctx, launched.Subject = v, recognize.SubjectOf(fx.info, v)
		t = &launched
	}
	owned := own.OwnsWork()
	if t.OnContext() {
		owned = own.Owns(t)
	}
	if owned&f.S.Sentinels == 0 {
		return nil // the cancellation comes from further up
	}
	if own.GroupOnly() {
		return nil // errgroup.WithContext: Wait reports the first error, not the cancellation it caused
	}

	// What does the owner wait on: the group the literal was passed to,
	// or the channel it reports on?
	var waited types.Object
	// A task that reports on a channel is awaited where the channel is
	// read, even under wg.Go: wg.Wait() returns nothing to rewrite.
	switch {
	case f.Fi.ChanMode():
		if len(f.Fi.ResultChans) != 1 {
			return nil
		}
		for obj, e := range f.Fi.ResultChans {
			waited = obj
			if v := f.Fi.Bound.Value(fx.info, e); v != nil {
				waited = recognize.SubjectOf(fx.info, v) // t.errc of task{errc: errc}
			}
		}
	case f.Fi.Launch.Group != nil:
		waited = recognize.SubjectOf(fx.info, f.Fi.Launch.Group)
	}
	if waited == nil {
		return nil
	}
	plan := &AwaitPlan{Owner: owner, Waited: waited, Owned: owned, values: f.Fi.Values, CancelAt: own.CancelAt}
	covered := make(map[ast.Expr]bool)
	ast.PreorderStack(owner.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, isLit := n.(*ast.FuncLit); isLit {
			return false
		}
		if site, name := fx.awaitStmt(n, stack, waited, owner); site != nil {
			plan.Sites = append(plan.Sites, site)
			plan.Name = cmp.Or(plan.Name, name)
			covered[ast.Unparen(site.Call)] = true
			return false
		}
		return true
	})
	// Await expressions in other statements are wrapped where they stand.
	ast.PreorderStack(owner.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, isLit := n.(*ast.FuncLit); isLit {
			return false
		}
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		if covered[ast.Unparen(e)] {
			return false // return (g.Wait()): the statement's own site
		}
		name, ok := fx.isAwait(e, waited)
		if !ok {
			return true
		}
		var stmt ast.Stmt
		for i := len(stack) - 1; i >= 0 && stmt == nil; i-- {
			stmt, _ = stack[i].(ast.Stmt)
		}
		if stmt == nil {
			return true
		}
		plan.Sites = append(plan.Sites, &AwaitSite{stmt: stmt, form: awaitExpr, Call: e})
		plan.Name = cmp.Or(plan.Name, name)
		return false
	})
	if len(plan.Sites) == 0 || fx.awaits(owner.Body, waited) != len(plan.Sites) {
		return nil // awaited in a way the fix does not know (range ch in a wrapped form)
	}
	if own.Parent && own.Derived {
		// The owner's contexts derive from one it received, whose
		// cancellation reaches the tasks too and is not the owner's to
		// suppress: each site ignores the cancellation only while that
		// parent is live, or no fix is whole.
		plan.Parent = parentName(fx, owner, plan.Sites)
		if plan.Parent == "" {
			plan.Withheld = "the owner derives the context from one it received, and no name for that one is in scope where it waits"
		}
	}
	return plan
}

// parentName returns the name of the owner's context parameter if it
// denotes that parameter at every await site and the owner never assigns
// it, or "".
func parentName(fx *Fixer, owner *flow.FuncInfo, sites []*AwaitSite) string {
	sig := owner.Sig
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if !recognize.IsContextType(p.Type()) || p.Name() == "" || p.Name() == "_" || assigned(fx.info, owner.Body, p) {
			continue
		}
		ok := true
		for _, site := range sites {
			scope := fx.pass.Pkg.Scope().Innermost(site.stmt.Pos())
			if scope == nil {
				ok = false
				break
			}
			if _, obj := scope.LookupParent(p.Name(), site.stmt.Pos()); obj != p {
				ok = false
			}
		}
		if ok {
			return p.Name()
		}
	}
	return ""
}

// isAwait reports whether e waits on the group or channel, and names it.
func (fx *Fixer) isAwait(e ast.Expr, waited types.Object) (string, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if ok && sel.Sel.Name == "Wait" && len(e.Args) == 0 && recognize.SubjectOf(fx.info, sel.X) == waited && recognize.IsErrorType(fx.info.TypeOf(e)) {
			return types.ExprString(sel), true
		}
	case *ast.UnaryExpr:
		if e.Op == token.ARROW && recognize.SubjectOf(fx.info, e.X) == waited {
			return "<-" + types.ExprString(e.X), true
		}
	}
	return "", false
}

// awaits counts the expressions in body, outside lit, that wait on the
// group or channel: g.Wait() anywhere (errors.Join(x, g.Wait()) too), <-ch,
// and range ch.
func (fx *Fixer) awaits(body *ast.BlockStmt, waited types.Object) int {
	n := 0
	ast.Inspect(body, func(node ast.Node) bool {
		switch x := node.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" && recognize.SubjectOf(fx.info, sel.X) == waited {
				n++
			}
		case *ast.UnaryExpr:
			if x.Op == token.ARROW && recognize.SubjectOf(fx.info, x.X) == waited {
				n++
			}
		case *ast.RangeStmt:
			if recognize.SubjectOf(fx.info, x.X) == waited {
				n++
			}
		}
		return true
	})
	return n
}

// TasksAwaited returns the tasks launched into the group, or sending on
// the channel, that the plan waits on: literals, and functions of the
// package launched by name (g.Go(w.run)); ok is false if a task there is
// neither, whose result the rewrite would change unseen.
func (fx *Fixer) TasksAwaited(site *AwaitPlan) (lits map[ast.Node]bool, ok bool) {
	lits = make(map[ast.Node]bool)
	ok = true
	ast.Inspect(site.Owner.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			sel, isSel := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !isSel || recognize.SubjectOf(fx.info, sel.X) != site.Waited || sel.Sel.Name == "Wait" {
				return true
			}
			for _, arg := range n.Args {
				if lit := site.literal(arg); lit != nil {
					lits[lit] = true
				} else if decl := fx.declOf(arg); decl != nil {
					lits[decl] = true
				} else if t := fx.info.TypeOf(arg); t != nil && recognize.IsSignature(t) {
					ok = false
				}
			}
		case *ast.GoStmt:
			lit, isLit := ast.Unparen(n.Call.Fun).(*ast.FuncLit)
			if !isLit {
				// go report(ctx, errc): a task of the channel it is handed
				for _, arg := range n.Call.Args {
					if recognize.SubjectOf(fx.info, arg) == site.Waited {
						if decl := fx.declOf(n.Call.Fun); decl != nil {
							lits[decl] = true
						} else {
							ok = false
						}
					}
				}
				return true
			}
			if sendsOn(fx.info, lit, site.Waited) {
				lits[lit] = true
			}
		}
		return true
	})
	return lits, ok
}

// declOf returns the declaration, in the package, of the function or
// method that arg names (run, w.run, task{…}.run), or nil.
func (fx *Fixer) declOf(arg ast.Expr) *ast.FuncDecl {
	var fn *types.Func
	switch a := ast.Unparen(arg).(type) {
	case *ast.Ident:
		fn, _ = fx.info.Uses[a].(*types.Func)
	case *ast.SelectorExpr:
		fn, _ = fx.info.Uses[a.Sel].(*types.Func)
	}
	if fn == nil || fn.Pkg() != fx.pass.Pkg {
		return nil
	}
	for _, f := range fx.pass.Files {
		if f.FileStart <= fn.Pos() && fn.Pos() < f.FileEnd {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fx.info.Defs[fd.Name] == fn.Origin() {
					return fd
				}
			}
		}
	}
	return nil
}

// literal returns the function literal arg is: written in place, or held
// in a local variable given it once (task := func() error {…}; g.Go(task)).
func (site *AwaitPlan) literal(arg ast.Expr) *ast.FuncLit {
	arg = ast.Unparen(arg)
	if id, ok := arg.(*ast.Ident); ok && site.values != nil {
		if v := site.values.Origin(id); v != nil {
			arg = ast.Unparen(v)
		}
	}
	lit, _ := arg.(*ast.FuncLit)
	return lit
}

// sendsOn reports whether lit sends on the channel variable ch.
func sendsOn(info *types.Info, lit *ast.FuncLit, ch types.Object) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if s, ok := n.(*ast.SendStmt); ok && recognize.SubjectOf(info, s.Chan) == ch {
			found = true
		}
		return !found
	})
	return found
}

// awaitStmt recognises statement n as an await of waited, in a form the
// fix rewrites as a statement.
func (fx *Fixer) awaitStmt(n ast.Node, stack []ast.Node, waited types.Object, owner *flow.FuncInfo) (*AwaitSite, string) {
	single := func(as *ast.AssignStmt) (*ast.Ident, ast.Expr, bool) {
		if len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Tok != token.DEFINE && as.Tok != token.ASSIGN {
			return nil, nil, false
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		return id, as.Rhs[0], ok && id.Name != "_"
	}
	switch n := n.(type) {
	case *ast.IfStmt:
		as, ok := n.Init.(*ast.AssignStmt)
		if !ok {
			return nil, ""
		}
		v, rhs, ok := single(as)
		if !ok {
			return nil, ""
		}
		if name, ok := fx.isAwait(rhs, waited); ok {
			return &AwaitSite{stmt: n, form: awaitIfInit, Call: rhs, v: v}, name
		}
	case *ast.ReturnStmt:
		if owner.ErrIdx < 0 || len(n.Results) != owner.Sig.Results().Len() {
			return nil, ""
		}
		for i, r := range n.Results {
			if i != owner.ErrIdx && !recognize.IsPure(r) && !isLiteral(r) {
				return nil, ""
			}
		}
		if name, ok := fx.isAwait(n.Results[owner.ErrIdx], waited); ok {
			return &AwaitSite{stmt: n, form: awaitReturn, Call: n.Results[owner.ErrIdx]}, name
		}
	case *ast.AssignStmt:
		v, rhs, ok := single(n)
		if !ok {
			return nil, ""
		}
		if name, ok := fx.isAwait(rhs, waited); ok {
			if len(stack) > 0 {
				if cc, isComm := stack[len(stack)-1].(*ast.CommClause); isComm && cc.Comm == n {
					return &AwaitSite{stmt: cc, form: awaitComm, Call: rhs, v: v}, name
				}
			}
			return &AwaitSite{stmt: n, form: awaitAssign, Call: rhs, v: v}, name
		}
	case *ast.RangeStmt:
		v, ok := n.Key.(*ast.Ident)
		if ok && v.Name != "_" && recognize.SubjectOf(fx.info, n.X) == waited {
			return &AwaitSite{stmt: n, form: awaitRange, Call: n.X, v: v}, "range " + types.ExprString(n.X)
		}
	}
	return nil, ""
}

func isLiteral(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return e.Name == "nil" || e.Name == "true" || e.Name == "false"
	}
	return false
}

// ignored returns the condition, valid at pos, that holds when v is one
// of the sentinels (negated: when it is none of them).
func (a *AwaitFix) ignored(e *edit, v string, pos token.Pos, negated bool) string {
	// One term per sentinel: a gRPC code comparison where the task tested
	// codes, errors.Is otherwise.
	var term func(name string) string
	if a.Grpc {
		st := e.imports.qualifier("google.golang.org/grpc/status", pos)
		codes := e.imports.qualifier(recognize.GrpcCodes, pos)
		op := " == "
		if negated {
			op = " != "
		}
		term = func(name string) string { return st + "Code(" + v + ")" + op + codes + name }
	} else {
		errs := e.imports.qualifier("errors", pos)
		ctx := e.imports.qualifier(recognize.ContextPath, pos)
		not := ""
		if negated {
			not = "!"
		}
		term = func(name string) string { return not + errs + "Is(" + v + ", " + ctx + name + ")" }
	}
	var terms []string
	if a.Sentinels&recognize.SentCanceled != 0 {
		terms = append(terms, term("Canceled"))
	}
	if a.Sentinels&recognize.SentDeadline != 0 {
		terms = append(terms, term("DeadlineExceeded"))
	}
	switch {
	case a.Parent != "" && negated:
		return "(" + strings.Join(terms, " && ") + " || " + a.Parent + ".Err() != nil)"
	case a.Parent != "" && len(terms) > 1:
		return "(" + strings.Join(terms, " || ") + ") && " + a.Parent + ".Err() == nil"
	case a.Parent != "":
		return terms[0] + " && " + a.Parent + ".Err() == nil"
	case negated:
		return strings.Join(terms, " && ")
	}
	return strings.Join(terms, " || ")
}

// edits rewrites every await site of the plan.
func (a *AwaitFix) edits(e *edit) []analysis.TextEdit {
	var out []analysis.TextEdit
	for _, site := range a.Sites {
		out = append(out, a.siteEdits(e, site)...)
	}
	return out
}

func (a *AwaitFix) siteEdits(e *edit, site *AwaitSite) []analysis.TextEdit {
	var out []analysis.TextEdit
	add := func(pos, end token.Pos, text string) {
		out = append(out, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
	}
	ind := e.indent(site.stmt.Pos())
	switch site.form {
	case awaitIfInit:
		cond := site.stmt.(*ast.IfStmt).Cond
		if b, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && b.Op == token.LOR {
			add(cond.Pos(), cond.Pos(), "(")
			add(cond.End(), cond.End(), ")")
		}
		add(cond.End(), cond.End(), " && "+a.ignored(e, site.v.Name, cond.Pos(), true))
	case awaitReturn:
		ret := site.stmt.(*ast.ReturnStmt)
		v := "err"
		if mentions(ret, v) {
			v = "waitErr"
		}
		results := func(errText string) string {
			parts := make([]string, len(ret.Results))
			for i, r := range ret.Results {
				parts[i] = e.text(r)
				if i == a.Owner.ErrIdx {
					parts[i] = errText
				}
			}
			return strings.Join(parts, ", ")
		}
		text := "if " + v + " := " + e.text(site.Call) + "; " + v + " != nil && " + a.ignored(e, v, ret.Pos(), true) + " {\n" +
			ind + "\treturn " + results(v) + "\n" +
			ind + "}\n" +
			ind + "return " + results("nil")
		add(ret.Pos(), ret.End(), text)
	case awaitAssign:
		end := site.stmt.End()
		add(end, end, "\n"+ind+"if "+a.ignored(e, site.v.Name, end, false)+" {\n"+ind+"\t"+site.v.Name+" = nil\n"+ind+"}")
	case awaitRange:
		body := site.stmt.(*ast.RangeStmt).Body
		add(body.Lbrace+1, body.Lbrace+1, "\n"+ind+"\tif "+a.ignored(e, site.v.Name, body.Lbrace+1, false)+" {\n"+ind+"\t\tcontinue\n"+ind+"\t}")
	case awaitComm:
		cc := site.stmt.(*ast.CommClause)
		add(cc.Colon+1, cc.Colon+1, "\n"+ind+"\tif "+a.ignored(e, site.v.Name, cc.Colon+1, false)+" {\n"+ind+"\t\t"+site.v.Name+" = nil\n"+ind+"\t}")
	case awaitExpr:
		// errors.Join(x, g.Wait()) becomes errors.Join(x, func() error {
		//	if err := g.Wait(); !errors.Is(err, context.Canceled) { … }
		// }()), indented as gofmt would.
		v := "err"
		text := "func() error {\n" +
			ind + "\tif " + v + " := " + e.text(site.Call) + "; " + a.ignored(e, v, site.Call.Pos(), true) + " {\n" +
			ind + "\t\treturn " + v + "\n" +
			ind + "\t}\n" +
			ind + "\treturn nil\n" +
			ind + "}()"
		add(site.Call.Pos(), site.Call.End(), text)
	}
	return out
}

// mentions reports whether name occurs in n.
func mentions(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}
