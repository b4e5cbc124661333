package metamorph

// This file holds what transformations ask of the file they rewrite:
// source text, indentation, parents, scopes, fresh names, printable types.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// File is one file of a package, as a transformation sees it.
type File struct {
	*Package
	AST *ast.File
	Src []byte
	Tok *token.File

	names   *namer
	parents map[ast.Node]ast.Node
}

// Off returns the offset of pos in the file, or -1 if pos is not in it.
func (f *File) Off(pos token.Pos) int {
	if !pos.IsValid() || int(pos) < f.Tok.Base() || int(pos) > f.Tok.Base()+f.Tok.Size() {
		return -1
	}
	return int(pos) - f.Tok.Base()
}

// Text returns the original text of [pos, end).
func (f *File) Text(pos, end token.Pos) string { return string(f.Src[f.Off(pos):f.Off(end)]) }

// NodeText returns the original text of n.
func (f *File) NodeText(n ast.Node) string { return f.Text(n.Pos(), n.End()) }

// Indent returns the leading white space of the line holding pos.
func (f *File) Indent(pos token.Pos) string {
	off := f.Off(pos)
	start := off
	for start > 0 && f.Src[start-1] != '\n' {
		start--
	}
	end := start
	for end < len(f.Src) && (f.Src[end] == ' ' || f.Src[end] == '\t') {
		end++
	}
	return string(f.Src[start:end])
}

// LineEnd returns the end of the line holding pos when the rest of that
// line after pos is white space or a line comment, and pos otherwise: the
// place to add a line after a statement without splitting it from its
// comment.
func (f *File) LineEnd(pos token.Pos) token.Pos {
	off := f.Off(pos)
	rest := f.Src[off:]
	nl := len(rest)
	for i, b := range rest {
		if b == '\n' {
			nl = i
			break
		}
	}
	line := strings.TrimSpace(string(rest[:nl]))
	if line == "" || (strings.HasPrefix(line, "//") && !strings.Contains(line, "*/")) {
		return pos + token.Pos(nl)
	}
	return pos
}

// OnlySpace reports whether [pos, end) holds only white space.
func (f *File) OnlySpace(pos, end token.Pos) bool {
	return strings.TrimSpace(f.Text(pos, end)) == ""
}

// Parent returns the node that encloses n, or nil.
func (f *File) Parent(n ast.Node) ast.Node {
	if f.parents == nil {
		f.parents = make(map[ast.Node]ast.Node)
		var stack []ast.Node
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			if len(stack) > 0 {
				f.parents[n] = stack[len(stack)-1]
			}
			stack = append(stack, n)
			return true
		})
	}
	return f.parents[n]
}

// parentExpr returns the parent of n, skipping parentheses.
func (f *File) parentExpr(n ast.Node) ast.Node {
	p := f.Parent(n)
	for {
		pe, ok := p.(*ast.ParenExpr)
		if !ok {
			return p
		}
		p = f.Parent(pe)
	}
}

// StmtList is a statement list and the node that holds it: a block, a
// case clause or a communication clause.
type StmtList struct {
	Owner ast.Node
	List  []ast.Stmt
}

// StmtLists calls fn for every statement list in the file, outer lists
// first.
func (f *File) StmtLists(fn func(l StmtList)) {
	ast.Inspect(f.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			fn(StmtList{n, n.List})
		case *ast.CaseClause:
			fn(StmtList{n, n.Body})
		case *ast.CommClause:
			fn(StmtList{n, n.Body})
		}
		return true
	})
}

// Scope returns the scope that a statement list declares its names in.
func (f *File) Scope(l StmtList) *types.Scope {
	if b, ok := l.Owner.(*ast.BlockStmt); ok {
		switch p := f.Parent(b).(type) {
		case *ast.FuncDecl:
			return f.Info.Scopes[p.Type]
		case *ast.FuncLit:
			return f.Info.Scopes[p.Type]
		}
	}
	return f.Info.Scopes[l.Owner]
}

// Inspect calls fn for every node of the file, like ast.Inspect.
func (f *File) Inspect(fn func(ast.Node) bool) { ast.Inspect(f.AST, fn) }

// ObjectOf returns the object id defines or uses.
func (f *File) ObjectOf(id *ast.Ident) types.Object { return f.Info.ObjectOf(id) }

// IsLocal reports whether obj is a variable declared inside a function.
func (f *File) IsLocal(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() || v.Pkg() != f.Types {
		return false
	}
	return v.Parent() != nil && v.Parent() != f.Types.Scope()
}

// ResolvesAt reports whether name, looked up at pos, is obj: whether code
// that names obj can move to pos.
func (f *File) ResolvesAt(name string, obj types.Object, pos token.Pos) bool {
	s := f.Types.Scope().Innermost(pos)
	if s == nil {
		return false
	}
	_, found := s.LookupParent(name, pos)
	return found == obj
}

// UsesName reports whether an identifier spelt name occurs in any of nodes.
func UsesName(name string, nodes ...ast.Node) bool {
	found := false
	for _, n := range nodes {
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				found = true
			}
			return !found
		})
	}
	return found
}

// stmtNodes converts statements to nodes.
func stmtNodes(stmts []ast.Stmt) []ast.Node {
	out := make([]ast.Node, len(stmts))
	for i, s := range stmts {
		out[i] = s
	}
	return out
}

// Fresh returns a name that no identifier of the package spells, starting
// with base.
func (f *File) Fresh(base string) string { return f.names.fresh(base) }

// namer hands out names unused in a package.
type namer struct {
	used map[string]bool
}

func newNamer(p *Package) *namer {
	n := &namer{used: make(map[string]bool)}
	for _, file := range p.Files {
		ast.Inspect(file, func(x ast.Node) bool {
			if id, ok := x.(*ast.Ident); ok {
				n.used[id.Name] = true
			}
			return true
		})
	}
	for _, name := range types.Universe.Names() {
		n.used[name] = true
	}
	return n
}

func (n *namer) fresh(base string) string {
	for i := 1; ; i++ {
		name := base + strconv.Itoa(i)
		if !n.used[name] {
			n.used[name] = true
			return name
		}
	}
}

// TypeString returns t as the file can spell it, with the names its
// imports give packages; false if it names a package the file does not
// import.
func (f *File) TypeString(t types.Type) (string, bool) {
	ok := true
	s := types.TypeString(t, func(p *types.Package) string {
		if p == f.Types {
			return ""
		}
		for _, imp := range f.AST.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if path != p.Path() {
				continue
			}
			if imp.Name == nil {
				return p.Name()
			}
			if imp.Name.Name == "." {
				return ""
			}
			if imp.Name.Name != "_" {
				return imp.Name.Name
			}
		}
		ok = false
		return p.Name()
	})
	if strings.Contains(s, "untyped") || strings.Contains(s, "invalid type") {
		return s, false
	}
	return s, ok
}

// Global reports whether t can be spelt outside the function that uses
// it: whether it mentions no type parameter and no type declared in a
// function.
func (f *File) Global(t types.Type) bool {
	seen := make(map[types.Type]bool)
	var global func(t types.Type) bool
	global = func(t types.Type) bool {
		if seen[t] {
			return true
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.TypeParam:
			return false
		case *types.Named:
			if f.isLocalScope(t.Obj().Parent()) {
				return false
			}
			for i := range t.TypeArgs().Len() {
				if !global(t.TypeArgs().At(i)) {
					return false
				}
			}
			return true
		case *types.Alias:
			return !f.isLocalScope(t.Obj().Parent()) && global(types.Unalias(t))
		case *types.Pointer:
			return global(t.Elem())
		case *types.Slice:
			return global(t.Elem())
		case *types.Array:
			return global(t.Elem())
		case *types.Chan:
			return global(t.Elem())
		case *types.Map:
			return global(t.Key()) && global(t.Elem())
		case *types.Tuple:
			for i := range t.Len() {
				if !global(t.At(i).Type()) {
					return false
				}
			}
			return true
		case *types.Signature:
			return global(t.Params()) && global(t.Results())
		case *types.Struct:
			for i := range t.NumFields() {
				if !global(t.Field(i).Type()) {
					return false
				}
			}
			return true
		case *types.Interface:
			for i := range t.NumMethods() {
				if !global(t.Method(i).Type()) {
					return false
				}
			}
			for i := range t.NumEmbeddeds() {
				if !global(t.EmbeddedType(i)) {
					return false
				}
			}
			return true
		}
		return true
	}
	return global(t)
}

// Terminates reports whether the last of stmts leaves the block: a return,
// a branch or a call of panic.
func (f *File) Terminates(stmts []ast.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	switch s := stmts[len(stmts)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok != token.FALLTHROUGH
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				_, builtin := f.Info.Uses[id].(*types.Builtin)
				return builtin && id.Name == "panic"
			}
		}
	}
	return false
}

// IsTuple reports whether e has several values.
func (f *File) IsTuple(e ast.Expr) bool {
	_, ok := f.Info.TypeOf(e).(*types.Tuple)
	return ok
}

// NewDefs returns the identifiers an assignment defines anew, and whether
// every non-blank identifier on its left is one.
func (f *File) NewDefs(as *ast.AssignStmt) (defs []*ast.Ident, allNew bool) {
	allNew = true
	for _, e := range as.Lhs {
		id, ok := e.(*ast.Ident)
		if !ok {
			return nil, false
		}
		if id.Name == "_" {
			continue
		}
		if f.Info.Defs[id] != nil {
			defs = append(defs, id)
		} else {
			allNew = false
		}
	}
	return defs, allNew
}

// DirectiveAbove reports whether a directive comment (//name:args, no
// space after the slashes) ends on the line above pos: directives such as
// //swallowcancel:boundary cover the statement below them, so a rewrite
// that moves code into that statement changes what they cover.
func (f *File) DirectiveAbove(pos token.Pos) bool {
	line := f.Tok.Line(pos)
	for _, cg := range f.AST.Comments {
		for _, c := range cg.List {
			if f.Tok.Line(c.End()) != line-1 || !strings.HasPrefix(c.Text, "//") {
				continue
			}
			text := c.Text[2:]
			if name, _, ok := strings.Cut(text, ":"); ok && name != "" && !strings.ContainsAny(name, " \t") {
				return true
			}
		}
	}
	return false
}
