package metamorph

// Groups: a task group declared as a value held instead through a
// pointer, or as the field of a local struct.

import (
	"go/ast"
	"go/token"
	"go/types"
)

// groupTypes are the task group types, by package path and name.
var groupTypes = map[string]bool{
	"golang.org/x/sync/errgroup.Group":      true,
	"sync.WaitGroup":                        true,
	"github.com/sourcegraph/conc.WaitGroup": true,
}

// localGroups calls fn for every var g G statement declaring a group value.
func localGroups(f *File, fn func(ds *ast.DeclStmt, id *ast.Ident, typ ast.Expr)) {
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
			if len(vs.Names) != 1 || vs.Type == nil || len(vs.Values) > 0 {
				continue
			}
			named, ok := f.Info.TypeOf(vs.Type).(*types.Named)
			if !ok || named.Obj().Pkg() == nil || !groupTypes[named.Obj().Pkg().Path()+"."+named.Obj().Name()] {
				continue
			}
			fn(ds, vs.Names[0], vs.Type)
		}
	})
}

// groupPointer rewrites var g G to a pointer made by make(typ), with &g
// as g and other uses of the value as *g.
func groupPointer(f *File, make func(typ ast.Expr) []Piece) []Site {
	var sites []Site
	localGroups(f, func(ds *ast.DeclStmt, id *ast.Ident, typ ast.Expr) {
		edits := []Edit{Replace(ds.Pos(), ds.End(), append([]Piece{Text(id.Name + " := ")}, make(typ)...)...)}
		for _, use := range f.usesOf(f.Info.Defs[id]) {
			switch p := f.parentExpr(use).(type) {
			case *ast.UnaryExpr:
				if p.Op == token.AND {
					edits = append(edits, Delete(p.OpPos, p.X.Pos()))
					continue
				}
			case *ast.SelectorExpr:
				if ast.Unparen(p.X) == use {
					continue
				}
			}
			edits = append(edits, Replace(use.Pos(), use.End(), Text("(*"+use.Name+")")))
		}
		sites = append(sites, Site{Edits: edits})
	})
	return sites
}

// groupNew: var g errgroup.Group → g := new(errgroup.Group).
func groupNew(f *File) []Site {
	return groupPointer(f, func(typ ast.Expr) []Piece { return []Piece{Text("new("), OrigNode(typ), Text(")")} })
}

// groupAddr: var g errgroup.Group → g := &errgroup.Group{}.
func groupAddr(f *File) []Site {
	return groupPointer(f, func(typ ast.Expr) []Piece { return []Piece{Text("&"), OrigNode(typ), Text("{}")} })
}

// groupField: var g errgroup.Group → var groups1 struct{ g errgroup.Group },
// with every use of g spelt groups1.g.
func groupField(f *File) []Site {
	var sites []Site
	localGroups(f, func(ds *ast.DeclStmt, id *ast.Ident, typ ast.Expr) {
		s := f.Fresh("groups")
		edits := []Edit{Replace(ds.Pos(), ds.End(), Text("var "+s+" struct{ "+id.Name+" "), OrigNode(typ), Text(" }"))}
		for _, use := range f.usesOf(f.Info.Defs[id]) {
			edits = append(edits, Replace(use.Pos(), use.End(), Text(s+"."+use.Name)))
		}
		sites = append(sites, Site{Edits: edits, Renames: map[string]string{id.Name: s + "." + id.Name}})
	})
	return sites
}
