package metamorph

// Declarations: a short variable declaration spelt as var declarations,
// and back.

import (
	"go/ast"
	"go/token"
	"strings"
)

// definitions calls fn for every short variable declaration that is a
// statement of its own (not an if, for or switch header) and declares
// only new variables when all is set.
func definitions(f *File, all bool, fn func(as *ast.AssignStmt, l StmtList)) {
	f.StmtLists(func(l StmtList) {
		for _, s := range l.List {
			as, ok := s.(*ast.AssignStmt)
			if !ok || as.Tok != token.DEFINE {
				continue
			}
			defs, allNew := f.NewDefs(as)
			if len(defs) == 0 || (all && !allNew) {
				continue
			}
			fn(as, l)
		}
	})
}

// defineToVar: x, y := e → var x, y = e.
func defineToVar(f *File) []Site {
	var sites []Site
	definitions(f, true, func(as *ast.AssignStmt, _ StmtList) {
		sites = append(sites, Site{Edits: []Edit{
			Insert(as.Pos(), Text("var ")),
			Replace(as.TokPos, as.TokPos+2, Text("=")),
		}})
	})
	return sites
}

// defineToVarBlock: x, y := e → var (x, y = e).
func defineToVarBlock(f *File) []Site {
	var sites []Site
	definitions(f, true, func(as *ast.AssignStmt, _ StmtList) {
		sites = append(sites, Site{Edits: []Edit{
			Insert(as.Pos(), Text("var (")),
			Replace(as.TokPos, as.TokPos+2, Text("=")),
			Insert(as.End(), Text(")")),
		}})
	})
	return sites
}

// defineToTypedVar: x, err := e → var x T; x, err = e, one line for each
// new variable, where its type can be spelt in the file.
func defineToTypedVar(f *File) []Site {
	var sites []Site
	definitions(f, false, func(as *ast.AssignStmt, _ StmtList) {
		defs, _ := f.NewDefs(as)
		var decl strings.Builder
		indent := f.Indent(as.Pos())
		for _, id := range defs {
			t, ok := f.TypeString(f.Info.Defs[id].Type())
			if !ok {
				return
			}
			decl.WriteString("var " + id.Name + " " + t + "\n" + indent)
		}
		sites = append(sites, Site{Edits: []Edit{
			Insert(as.Pos(), Text(decl.String())),
			Replace(as.TokPos, as.TokPos+2, Text("=")),
		}})
	})
	return sites
}

// varToDefine: var x, y = e in a function body → x, y := e.
func varToDefine(f *File) []Site {
	var sites []Site
	f.StmtLists(func(l StmtList) {
		for _, s := range l.List {
			ds, ok := s.(*ast.DeclStmt)
			if !ok {
				continue
			}
			gd := ds.Decl.(*ast.GenDecl)
			if gd.Tok != token.VAR || gd.Lparen.IsValid() || len(gd.Specs) != 1 {
				continue
			}
			vs := gd.Specs[0].(*ast.ValueSpec)
			if vs.Type != nil || len(vs.Values) == 0 {
				continue
			}
			named := false
			for _, id := range vs.Names {
				named = named || id.Name != "_"
			}
			between := f.Text(vs.Names[len(vs.Names)-1].End(), vs.Values[0].Pos())
			eq := strings.Index(between, "=")
			if !named || eq < 0 {
				continue
			}
			eqPos := vs.Names[len(vs.Names)-1].End() + token.Pos(eq)
			sites = append(sites, Site{Edits: []Edit{
				Delete(gd.Pos(), vs.Pos()),
				Replace(eqPos, eqPos+1, Text(":=")),
			}})
		}
	})
	return sites
}
