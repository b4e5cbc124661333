package metamorph

// Control flow: if headers, negated conditions, early returns and else
// branches, switches as if chains.

import (
	"go/ast"
	"go/token"
)

// ifsInLists calls fn for every if statement that is a statement of a list
// (not an else branch, not labelled), with its index in the list.
func ifsInLists(f *File, fn func(s *ast.IfStmt, l StmtList, i int)) {
	f.StmtLists(func(l StmtList) {
		for i, s := range l.List {
			if is, ok := s.(*ast.IfStmt); ok {
				fn(is, l, i)
			}
		}
	})
}

// ifInitBlock: if x := f(); c {…} → { x := f(); if c {…} }. The block
// keeps the scope of x; in an else-if chain only the outermost if moves
// its header.
func ifInitBlock(f *File) []Site {
	var sites []Site
	ifsInLists(f, func(s *ast.IfStmt, _ StmtList, _ int) {
		if s.Init == nil {
			return
		}
		sites = append(sites, Site{Edits: []Edit{
			Replace(s.Pos(), s.Init.Pos(), Text("{ ")),
			Replace(s.Init.End(), s.Cond.Pos(), Text("; if ")),
			Insert(s.End(), Text(" }")),
		}})
	})
	return sites
}

// declaredBy returns the names a simple statement declares.
func declaredBy(f *File, s ast.Stmt) []string {
	var names []string
	if as, ok := s.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
		for _, e := range as.Lhs {
			if id, ok := e.(*ast.Ident); ok && f.Info.Defs[id] != nil {
				names = append(names, id.Name)
			}
		}
	}
	return names
}

// movable reports whether names declared in a nested scope can be declared
// in list l's scope instead, where the statements after index i follow:
// none of them is declared there already or spelt by those statements.
func movable(f *File, names []string, l StmtList, i int) bool {
	scope := f.Scope(l)
	if scope == nil {
		return false
	}
	for _, name := range names {
		if scope.Lookup(name) != nil || UsesName(name, stmtNodes(l.List[i+1:])...) {
			return false
		}
	}
	return true
}

// ifInitFlat: if x := f(); c {…} → x := f(); if c {…}, where x does not
// collide with a name of the enclosing block.
func ifInitFlat(f *File) []Site {
	var sites []Site
	ifsInLists(f, func(s *ast.IfStmt, l StmtList, i int) {
		if s.Init == nil || !movable(f, declaredBy(f, s.Init), l, i) {
			return
		}
		sites = append(sites, Site{Edits: []Edit{
			Delete(s.Pos(), s.Init.Pos()),
			Replace(s.Init.End(), s.Cond.Pos(), Text("\n"+f.Indent(s.Pos())+"if ")),
		}})
	})
	return sites
}

// ifInitFold: x := f(); if c {…} → if x := f(); c {…}, where nothing after
// the if spells x.
func ifInitFold(f *File) []Site {
	var sites []Site
	f.StmtLists(func(l StmtList) {
		for i := 0; i+1 < len(l.List); i++ {
			as, ok := l.List[i].(*ast.AssignStmt)
			is, ok2 := l.List[i+1].(*ast.IfStmt)
			if !ok || !ok2 || as.Tok != token.DEFINE || is.Init != nil {
				continue
			}
			defs, allNew := f.NewDefs(as)
			if !allNew || len(defs) == 0 || !f.OnlySpace(as.End(), is.Pos()) {
				continue
			}
			used := false
			for _, id := range defs {
				used = used || UsesName(id.Name, stmtNodes(l.List[i+2:])...)
			}
			if used {
				continue
			}
			sites = append(sites, Site{Edits: []Edit{
				Insert(as.Pos(), Text("if ")),
				Replace(as.End(), is.Cond.Pos(), Text("; ")),
			}})
		}
	})
	return sites
}

// negateSwap: if a {A} else {B} → if !(a) {B} else {A}.
func negateSwap(f *File) []Site {
	var sites []Site
	f.Inspect(func(n ast.Node) bool {
		s, ok := n.(*ast.IfStmt)
		if !ok {
			return true
		}
		els, ok := s.Else.(*ast.BlockStmt)
		if !ok {
			return true
		}
		sites = append(sites, Site{Edits: []Edit{
			Insert(s.Cond.Pos(), Text("!(")),
			Insert(s.Cond.End(), Text(")")),
			Replace(s.Body.Lbrace+1, s.Body.Rbrace, Orig(els.Lbrace+1, els.Rbrace)),
			Replace(els.Lbrace+1, els.Rbrace, Orig(s.Body.Lbrace+1, s.Body.Rbrace)),
		}})
		return true
	})
	return sites
}

// negateNoElse: if a {A} → if !(a) {} else {A}.
func negateNoElse(f *File) []Site {
	var sites []Site
	f.Inspect(func(n ast.Node) bool {
		if s, ok := n.(*ast.IfStmt); ok && s.Else == nil {
			sites = append(sites, Site{Edits: []Edit{
				Insert(s.Cond.Pos(), Text("!(")),
				Insert(s.Cond.End(), Text(")")),
				Insert(s.Body.Lbrace, Text("{} else ")),
			}})
		}
		return true
	})
	return sites
}

// returnToElse: if c {…; return}; REST → if c {…; return} else {REST},
// where REST is the rest of the block and has no labels.
func returnToElse(f *File) []Site {
	var sites []Site
	ifsInLists(f, func(s *ast.IfStmt, l StmtList, i int) {
		rest := l.List[i+1:]
		if s.Else != nil || len(rest) == 0 || !f.Terminates(s.Body.List) || f.DirectiveAbove(s.Pos()) {
			return // a directive covers the statement below it: the else would join it
		}
		if s.Init != nil {
			for _, name := range declaredBy(f, s.Init) {
				if UsesName(name, stmtNodes(rest)...) {
					return // the else branch would see the header's name
				}
			}
		}
		for _, r := range rest {
			if _, ok := r.(*ast.LabeledStmt); ok {
				return
			}
		}
		last := rest[len(rest)-1]
		end := f.LineEnd(last.End())
		sites = append(sites, Site{Edits: []Edit{
			Insert(s.End(), Text(" else {")),
			Insert(end, Text("\n"+f.Indent(s.Pos())+"}")),
		}})
	})
	return sites
}

// elseToReturn: if c {…; return} else {B} → if c {…; return}; B, where
// B's names do not collide with the enclosing block's.
func elseToReturn(f *File) []Site {
	var sites []Site
	ifsInLists(f, func(s *ast.IfStmt, l StmtList, i int) {
		els, ok := s.Else.(*ast.BlockStmt)
		if !ok || s.Init != nil || !f.Terminates(s.Body.List) {
			return
		}
		var names []string
		for _, b := range els.List {
			names = append(names, declaredBy(f, b)...)
			if ds, ok := b.(*ast.DeclStmt); ok {
				for _, spec := range ds.Decl.(*ast.GenDecl).Specs {
					switch spec := spec.(type) {
					case *ast.ValueSpec:
						for _, id := range spec.Names {
							names = append(names, id.Name)
						}
					case *ast.TypeSpec:
						names = append(names, spec.Name.Name)
					}
				}
			}
		}
		if !movable(f, names, l, i) {
			return
		}
		sites = append(sites, Site{Edits: []Edit{
			Delete(s.Body.End(), els.Lbrace+1),
			Delete(els.Rbrace, els.End()),
		}})
	})
	return sites
}

// breaksOut reports whether a break in stmts leaves the switch or select
// they are the clauses of.
func breaksOut(stmts []ast.Stmt) bool {
	found := false
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				return false
			case *ast.BranchStmt:
				if n.Tok == token.BREAK && n.Label == nil || n.Tok == token.FALLTHROUGH {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// isPath reports whether e is an identifier or a selector of one: a tag
// that can be evaluated again.
func isPath(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPath(e.X)
	}
	return false
}

// switchToIf: switch tag { case a, b: A; case c: C; default: D } →
// if tag == a || tag == b {A} else if tag == c {C} else {D}; a tagless
// switch tests its cases alone. A tag that is not a name is bound first
// (if tag1 := f(); tag1 == a …). Switches with a break, a fallthrough, a
// label or a default before the last case are left alone.
func switchToIf(f *File) []Site {
	var sites []Site
	f.StmtLists(func(l StmtList) {
		for _, st := range l.List {
			s, ok := st.(*ast.SwitchStmt)
			if !ok || len(s.Body.List) == 0 {
				continue
			}
			clauses := make([]*ast.CaseClause, len(s.Body.List))
			ok = true
			for i, c := range s.Body.List {
				clauses[i] = c.(*ast.CaseClause)
				if clauses[i].List == nil && i != len(s.Body.List)-1 || breaksOut(clauses[i].Body) {
					ok = false
				}
			}
			if !ok || clauses[0].List == nil {
				continue
			}
			var tag []Piece // the tag's first spelling, and its text for the others
			tagText := ""
			init := []Piece{}
			if s.Init != nil {
				init = []Piece{OrigNode(s.Init), Text("; ")}
			}
			if s.Tag != nil {
				if isPath(s.Tag) {
					tag = []Piece{OrigNode(s.Tag)}
					tagText = f.NodeText(s.Tag)
				} else if s.Init == nil {
					tagText = f.Fresh("tag")
					init = []Piece{Text(tagText + " := "), OrigNode(s.Tag), Text("; ")}
				} else {
					continue
				}
			}
			edits := []Edit{Delete(s.Pos(), s.Body.Lbrace+1)}
			for i, c := range clauses {
				var head []Piece
				switch {
				case i == 0:
					head = append([]Piece{Text("if ")}, init...)
				case c.List == nil:
					edits = append(edits, Replace(c.Pos(), c.Colon+1, Text("} else {")))
					continue
				default:
					head = []Piece{Text("} else if ")}
				}
				for j, e := range c.List {
					if j > 0 {
						head = append(head, Text(" || "))
					}
					if s.Tag != nil {
						if tag != nil {
							head = append(head, tag...)
							tag = nil
						} else {
							head = append(head, Text(tagText))
						}
						head = append(head, Text(" == "))
					}
					if _, bin := e.(*ast.BinaryExpr); bin && s.Tag != nil {
						head = append(head, Text("("), OrigNode(e), Text(")"))
					} else {
						head = append(head, OrigNode(e))
					}
				}
				head = append(head, Text(" {"))
				edits = append(edits, Replace(c.Pos(), c.Colon+1, head...))
			}
			sites = append(sites, Site{Edits: edits})
		}
	})
	return sites
}
