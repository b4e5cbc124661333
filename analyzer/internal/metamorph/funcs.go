package metamorph

// Functions: a literal, a variable holding it, a named function, a method
// value; a body run by a closure; local names renamed.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// isLocalScope reports whether s is a scope inside a function: below the
// universe, a package and a file.
func (f *File) isLocalScope(s *types.Scope) bool {
	depth := 0
	for ; s != nil && s != types.Universe; s = s.Parent() {
		depth++
	}
	return depth >= 3
}

// captures returns the objects declared inside a function around n and
// outside n that n refers to, in order of first reference; ok is false if
// one of them is not a variable.
func (f *File) captures(n ast.Node) (vars []*types.Var, ok bool) {
	ok = true
	seen := make(map[types.Object]bool)
	ast.Inspect(n, func(x ast.Node) bool {
		id, isID := x.(*ast.Ident)
		if !isID {
			return true
		}
		obj := f.Info.Uses[id]
		if obj == nil || obj.Pkg() != f.Types || seen[obj] || (obj.Pos() >= n.Pos() && obj.Pos() < n.End()) {
			return true
		}
		if !f.isLocalScope(obj.Parent()) {
			return true
		}
		seen[obj] = true
		if v, isVar := obj.(*types.Var); isVar && !v.IsField() {
			vars = append(vars, v)
		} else {
			ok = false
		}
		return true
	})
	return vars, ok
}

// usesOf returns the identifiers of the file that use obj.
func (f *File) usesOf(obj types.Object) []*ast.Ident {
	var out []*ast.Ident
	f.Inspect(func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && f.Info.Uses[id] == obj {
			out = append(out, id)
		}
		return true
	})
	return out
}

// finalAt reports whether obj keeps its value once the code at reaches
// it: it is assigned only before at in the function that holds at (and
// not again by a loop around at that it outlives), and its address is
// never taken, also implicitly by a method with a pointer receiver. A copy
// of it made at at is as good as it.
func (f *File) finalAt(obj types.Object, at ast.Node) bool {
	if f.isNamedResult(obj) {
		return false // a return assigns it
	}
	for _, id := range f.usesOf(obj) {
		var x ast.Node = id
	climb:
		for {
			switch p := f.Parent(x).(type) {
			case *ast.ParenExpr:
				x = p
			case *ast.SelectorExpr:
				if p.X != x {
					break climb
				}
				sel := f.Info.Selections[p]
				if sel == nil {
					break climb
				}
				if sel.Kind() == types.FieldVal {
					if _, ptr := f.Info.TypeOf(p.X).Underlying().(*types.Pointer); ptr {
						break climb
					}
					x = p
					continue
				}
				if _, ptrRecv := sel.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer); ptrRecv {
					if _, ptr := f.Info.TypeOf(p.X).Underlying().(*types.Pointer); !ptr {
						return false
					}
				}
				break climb
			case *ast.IndexExpr:
				if _, arr := f.Info.TypeOf(p.X).Underlying().(*types.Array); p.X != x || !arr {
					break climb
				}
				x = p
			default:
				break climb
			}
		}
		assigned := false
		switch p := f.Parent(x).(type) {
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				assigned = assigned || l == x
			}
		case *ast.IncDecStmt:
			assigned = true
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				return false
			}
		case *ast.RangeStmt:
			assigned = p.Tok == token.ASSIGN && (p.Key == x || p.Value == x)
		}
		if !assigned {
			continue
		}
		if id.Pos() >= at.Pos() || f.enclosingFunc(id) != f.enclosingFunc(f.Parent(at)) {
			return false // assigned later, or by a closure that may run later
		}
		for n := f.Parent(at); n != nil; n = f.Parent(n) {
			switch n.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				if n.Pos() <= id.Pos() && id.Pos() < n.End() && (obj.Pos() < n.Pos() || obj.Pos() >= n.End()) {
					return false
				}
			}
		}
	}
	return true
}

// enclosingFunc returns the innermost function declaration or literal
// that holds n (n itself included).
func (f *File) enclosingFunc(n ast.Node) ast.Node {
	for ; n != nil; n = f.Parent(n) {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n
		}
	}
	return nil
}

// isNamedResult reports whether obj is a named result of a function.
func (f *File) isNamedResult(obj types.Object) bool {
	found := false
	f.Inspect(func(n ast.Node) bool {
		if ft, ok := n.(*ast.FuncType); ok && ft.Results != nil {
			for _, field := range ft.Results.List {
				for _, id := range field.Names {
					found = found || f.Info.Defs[id] == obj
				}
			}
		}
		return !found
	})
	return found
}

// enclosingStmt returns the statement that holds e, if no function literal
// comes between them and it is a statement of a list (not a header).
func (f *File) enclosingStmt(e ast.Node) ast.Stmt {
	for n := f.Parent(e); n != nil; n = f.Parent(n) {
		switch n := n.(type) {
		case *ast.FuncLit:
			return nil
		case ast.Stmt:
			var list []ast.Stmt
			switch p := f.Parent(n).(type) {
			case *ast.BlockStmt:
				list = p.List
			case *ast.CaseClause:
				list = p.Body
			case *ast.CommClause:
				list = p.Body
			}
			for _, s := range list {
				if s == n {
					switch n.(type) {
					case *ast.ExprStmt, *ast.GoStmt, *ast.DeferStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.SendStmt, *ast.DeclStmt:
						return n
					}
				}
			}
			return nil
		}
	}
	return nil
}

// isArg reports whether e is an argument of a call.
func (f *File) isArg(e ast.Expr) bool {
	call, ok := f.parentExpr(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	for _, a := range call.Args {
		if ast.Unparen(a) == e {
			return true
		}
	}
	return false
}

// canMove reports whether the variables n captures are the same at pos.
func (f *File) canMove(n ast.Node, pos token.Pos) bool {
	vars, ok := f.captures(n)
	if !ok {
		return false
	}
	for _, v := range vars {
		if !f.ResolvesAt(v.Name(), v, pos) {
			return false
		}
	}
	return true
}

// literalToVar: g.Go(func() error {…}) → fn1 := func() error {…}; g.Go(fn1).
func literalToVar(f *File) []Site {
	var sites []Site
	f.Inspect(func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok || !f.isArg(lit) {
			return true
		}
		stmt := f.enclosingStmt(lit)
		if stmt == nil || !f.canMove(lit, stmt.Pos()) {
			return true
		}
		name := f.Fresh("fn")
		sites = append(sites, Site{Edits: []Edit{
			Insert(stmt.Pos(), Text(name+" := "), OrigNode(lit), Text("\n"+f.Indent(stmt.Pos()))),
			Replace(lit.Pos(), lit.End(), Text(name)),
		}})
		return true
	})
	return sites
}

// varToLiteral: task := func() error {…}; g.Go(task) → g.Go(func() error {…}),
// where the next statement is the variable's only use.
func varToLiteral(f *File) []Site {
	var sites []Site
	f.StmtLists(func(l StmtList) {
		for i := 0; i+1 < len(l.List); i++ {
			as, ok := l.List[i].(*ast.AssignStmt)
			if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				continue
			}
			lit, ok := ast.Unparen(as.Rhs[0]).(*ast.FuncLit)
			id, _ := as.Lhs[0].(*ast.Ident)
			if !ok || id == nil || f.Info.Defs[id] == nil || !f.OnlySpace(as.End(), l.List[i+1].Pos()) {
				continue
			}
			uses := f.usesOf(f.Info.Defs[id])
			next := l.List[i+1]
			if len(uses) != 1 || uses[0].Pos() < next.Pos() || uses[0].End() > next.End() || !f.canMove(lit, uses[0].Pos()) {
				continue
			}
			sites = append(sites, Site{Edits: []Edit{
				Delete(as.Pos(), next.Pos()),
				Replace(uses[0].Pos(), uses[0].End(), OrigNode(lit)),
			}})
		}
	})
	return sites
}

// fileEnd is the position after the last byte of the file.
func (f *File) fileEnd() token.Pos { return token.Pos(f.Tok.Base() + f.Tok.Size()) }

// literalToFunc: a function literal that captures nothing → a function
// declared at the end of the file.
func literalToFunc(f *File) []Site {
	var sites []Site
	f.Inspect(func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		if vars, ok := f.captures(lit); !ok || len(vars) > 0 {
			return true
		}
		name := f.Fresh("fn")
		sites = append(sites, Site{Edits: []Edit{
			Replace(lit.Pos(), lit.End(), Text(name)),
			Insert(f.fileEnd(), Text("\nfunc "+name), Orig(lit.Type.Params.Pos(), lit.End()), Text("\n")),
		}})
		return true
	})
	return sites
}

// literalToMethod: g.Go(func() error {… ctx …}) → g.Go(task1{ctx: ctx}.run),
// with type task1 struct{ ctx context.Context } and its method run
// declared at the end of the file, for a literal passed to a call whose
// captured variables keep their values once it is made.
func literalToMethod(f *File) []Site {
	var sites []Site
	f.Inspect(func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok || !f.isArg(lit) {
			return true
		}
		vars, ok := f.captures(lit)
		if !ok {
			return true
		}
		var fields, values strings.Builder
		for i, v := range vars {
			t, ok := f.TypeString(v.Type())
			if !ok || !f.Global(v.Type()) || !f.finalAt(v, lit) || v.Name() == "run" {
				return true
			}
			fields.WriteString("\t" + v.Name() + " " + t + "\n")
			if i > 0 {
				values.WriteString(", ")
			}
			values.WriteString(v.Name() + ": " + v.Name())
		}
		typ, recv := f.Fresh("task"), f.Fresh("t")
		edits := []Edit{
			Replace(lit.Pos(), lit.End(), Text(typ+"{"+values.String()+"}.run")),
			Insert(f.fileEnd(), Text("\ntype "+typ+" struct {\n"+fields.String()+"}\n\nfunc ("+recv+" "+typ+") run"), Orig(lit.Type.Params.Pos(), lit.End()), Text("\n")),
		}
		renames := make(map[string]string)
		for _, v := range vars {
			renames[v.Name()] = recv + "." + v.Name()
			for _, id := range f.usesOf(v) {
				if id.Pos() >= lit.Pos() && id.End() <= lit.End() {
					edits = append(edits, Replace(id.Pos(), id.End(), Text(recv+"."+v.Name())))
				}
			}
		}
		sites = append(sites, Site{Edits: edits, Renames: renames})
		return true
	})
	return sites
}

// funcToLiteral: g.Go(work) → g.Go(func() error { return work() }), for a
// function, or a method value of a variable that keeps its value, passed
// to a call.
func funcToLiteral(f *File) []Site {
	var sites []Site
	f.Inspect(func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		for _, arg := range call.Args {
			arg = ast.Unparen(arg)
			var fn types.Object
			switch a := arg.(type) {
			case *ast.Ident:
				fn = f.Info.Uses[a]
			case *ast.SelectorExpr:
				fn = f.Info.Uses[a.Sel]
				if sel := f.Info.Selections[a]; sel != nil {
					x, ok := ast.Unparen(a.X).(*ast.Ident)
					if sel.Kind() != types.MethodVal || !ok || f.Info.Uses[x] == nil || !f.finalAt(f.Info.Uses[x], a) {
						continue
					}
				}
			}
			fun, ok := fn.(*types.Func)
			sig, ok2 := f.Info.TypeOf(arg).(*types.Signature)
			if !ok || !ok2 || sig.TypeParams().Len() > 0 || fun.Type().(*types.Signature).TypeParams().Len() > 0 {
				continue
			}
			var params, args []string
			for i := range sig.Params().Len() {
				t := sig.Params().At(i).Type()
				name := f.Fresh("p")
				ts, ok := f.TypeString(t)
				if sig.Variadic() && i == sig.Params().Len()-1 {
					ts, ok = f.TypeString(t.(*types.Slice).Elem())
					ts = "..." + ts
					name += "..."
				}
				if !ok {
					params = nil
					break
				}
				params = append(params, strings.TrimSuffix(name, "...")+" "+ts)
				args = append(args, name)
			}
			if len(params) != sig.Params().Len() {
				continue
			}
			results := ""
			if sig.Results().Len() > 0 {
				r, ok := f.TypeString(sig.Results())
				if !ok {
					continue
				}
				results = " " + r
			}
			ret := ""
			if results != "" {
				ret = "return "
			}
			sites = append(sites, Site{Edits: []Edit{
				Insert(arg.Pos(), Text("func("+strings.Join(params, ", ")+")"+results+" { "+ret)),
				Insert(arg.End(), Text("("+strings.Join(args, ", ")+") }")),
			}})
		}
		return true
	})
	return sites
}

// funcDecls returns the function declarations of the file.
func funcDecls(f *File) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, d := range f.AST.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			out = append(out, fd)
		}
	}
	return out
}

// closureWrap: func f(…) R { BODY } → func f(…) R { return func() R { BODY }() },
// for functions without named results.
func closureWrap(f *File) []Site {
	var sites []Site
	for _, fd := range funcDecls(f) {
		res := fd.Type.Results
		named := res != nil && len(res.List) > 0 && len(res.List[0].Names) > 0
		if named {
			continue
		}
		open := " func() {"
		if res != nil && len(res.List) > 0 {
			open = " return func() " + f.NodeText(res) + " {"
		}
		// Both braces on the lines of the function's: the function and
		// the closure end on the same line.
		sites = append(sites, Site{Edits: []Edit{
			Insert(fd.Body.Lbrace+1, Text(open)),
			Insert(fd.Body.Rbrace, Text("}() ")),
		}})
	}
	return sites
}

// renamed are the local names rename changes.
var renamed = map[string]string{"ctx": "c", "err": "e"}

// rename: local variables ctx → c and err → e, in functions that spell
// neither c nor e.
func rename(f *File) []Site {
	var sites []Site
	for _, d := range f.AST.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		for from, to := range renamed {
			if UsesName(to, fd) {
				continue
			}
			var edits []Edit
			ast.Inspect(fd, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok || id.Name != from {
					return true
				}
				obj := f.ObjectOf(id)
				if obj == nil {
					// The symbolic variable of a type switch.
					if p, ok := f.Parent(id).(*ast.AssignStmt); ok {
						if _, ok := f.Parent(p).(*ast.TypeSwitchStmt); ok {
							edits = append(edits, Replace(id.Pos(), id.End(), Text(to)))
						}
					}
					return true
				}
				if f.IsLocal(obj) {
					if kv, ok := f.Parent(id).(*ast.KeyValueExpr); ok && kv.Key == id {
						return true // a field name in a composite literal
					}
					edits = append(edits, Replace(id.Pos(), id.End(), Text(to)))
				}
				return true
			})
			if len(edits) > 0 {
				sites = append(sites, Site{Edits: edits})
			}
		}
	}
	sortSites(sites)
	return sites
}

// sortSites orders sites by their first edit, for stable output.
func sortSites(sites []Site) {
	for i := 1; i < len(sites); i++ {
		for j := i; j > 0 && sites[j].Edits[0].Pos < sites[j-1].Edits[0].Pos; j-- {
			sites[j], sites[j-1] = sites[j-1], sites[j]
		}
	}
}
