package fix

// This file plans import edits for fixes: the local name under which a
// file refers to "errors" or "context" (respecting a renamed import, and
// choosing another name when the plain one is taken at the edit), the edit
// that adds a missing import in gofmt's order, and the edit that removes an
// import that a fix leaves without references. x/tools' own drivers clean
// imports after merging fixes, but golangci-lint applies edits as given,
// so each fix carries its import changes itself.

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// importPlan collects the imports one fix needs in one file.
type importPlan struct {
	pkg   *types.Package
	info  *types.Info
	file  *ast.File
	src   []byte
	tok   *token.File
	names map[string]string // path -> local name to use
	add   []string          // paths to import, with names[path]

	uses func() map[*types.PkgName][]token.Pos // where each import is referred to
}

func newImportPlan(pkg *types.Package, info *types.Info, file *ast.File, tok *token.File, src []byte, uses func() map[*types.PkgName][]token.Pos) *importPlan {
	return &importPlan{pkg: pkg, info: info, file: file, tok: tok, src: src, names: make(map[string]string), uses: uses}
}

// pkgNameUses indexes where a file refers to its imports, once per file:
// deciding per fix whether an import is still used must not walk the file.
func pkgNameUses(info *types.Info, file *ast.File) map[*types.PkgName][]token.Pos {
	uses := make(map[*types.PkgName][]token.Pos)
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if pn, ok := info.Uses[id].(*types.PkgName); ok {
				uses[pn] = append(uses[pn], id.Pos())
			}
		}
		return true
	})
	return uses
}

// qualifier returns how to refer to the package at path at pos: its local
// name and a dot, or nothing for a dot import. It plans the import if the
// file lacks it.
func (p *importPlan) qualifier(path string, pos token.Pos) string {
	if name, ok := p.names[path]; ok {
		return qualify(name)
	}
	for _, spec := range p.file.Imports {
		if importPath(spec) != path {
			continue
		}
		if spec.Name != nil && spec.Name.Name == "_" {
			continue
		}
		pkgName, _ := p.info.Defs[spec.Name].(*types.PkgName)
		if spec.Name == nil {
			pkgName, _ = p.info.Implicits[spec].(*types.PkgName)
		}
		name := ""
		switch {
		case spec.Name != nil && spec.Name.Name == ".":
			name = "."
		case pkgName != nil:
			name = pkgName.Name()
		}
		if name == "." || name != "" && p.resolves(name, pos, pkgName) {
			p.names[path] = name
			return qualify(name)
		}
	}
	// Not imported (or hidden at pos): import it under a free name.
	base := path[strings.LastIndexByte(path, '/')+1:]
	name := base
	for i := 0; !p.free(name, pos); i++ {
		name = "std" + base
		if i > 0 {
			name = "std" + base + strconv.Itoa(i)
		}
	}
	p.names[path] = name
	p.add = append(p.add, path)
	return qualify(name)
}

func qualify(name string) string {
	if name == "." {
		return ""
	}
	return name + "."
}

// resolves reports whether name at pos refers to the package name pn.
func (p *importPlan) resolves(name string, pos token.Pos, pn *types.PkgName) bool {
	scope := p.pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	return obj == pn || obj == nil && pn == nil
}

// free reports whether name is unused at pos and at file level.
func (p *importPlan) free(name string, pos token.Pos) bool {
	if scope := p.pkg.Scope().Innermost(pos); scope != nil {
		if _, obj := scope.LookupParent(name, pos); obj != nil {
			return false
		}
	}
	for _, spec := range p.file.Imports {
		if spec.Name != nil && spec.Name.Name == name {
			return false
		}
		if spec.Name == nil && strings.HasSuffix(importPath(spec), "/"+name) || importPath(spec) == name {
			return false
		}
	}
	return true
}

// edits returns the edits that add the planned imports.
func (p *importPlan) edits() []analysis.TextEdit {
	var edits []analysis.TextEdit
	for _, path := range p.add {
		spec := strconv.Quote(path)
		if name := p.names[path]; name != path[strings.LastIndexByte(path, '/')+1:] {
			spec = name + " " + spec
		}
		edits = append(edits, p.addEdit(path, spec))
	}
	return edits
}

// addEdit inserts an import spec where gofmt would keep it: in the first
// parenthesised import block, among the standard-library group, in order.
func (p *importPlan) addEdit(path, spec string) analysis.TextEdit {
	for _, decl := range p.file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if !gd.Lparen.IsValid() {
			// import "fmt" → import ( "errors"; "fmt" ), in order.
			old := gd.Specs[0].(*ast.ImportSpec)
			specs := []string{spec, string(p.text(old.Pos(), old.End()))}
			if importPath(old) < path {
				specs[0], specs[1] = specs[1], specs[0]
			}
			return analysis.TextEdit{Pos: gd.Pos(), End: gd.End(), NewText: []byte("import (\n\t" + specs[0] + "\n\t" + specs[1] + "\n)")}
		}
		// After the last standard-library spec that sorts before path,
		// or before the first one.
		var after ast.Spec
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			if !isStdPath(importPath(is)) {
				break
			}
			if importPath(is) > path {
				if after == nil {
					return analysis.TextEdit{Pos: is.Pos(), End: is.Pos(), NewText: []byte(spec + "\n\t")}
				}
				break
			}
			after = s
		}
		if after == nil {
			return analysis.TextEdit{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + spec)}
		}
		return analysis.TextEdit{Pos: after.End(), End: after.End(), NewText: []byte("\n\t" + spec)}
	}
	return analysis.TextEdit{Pos: p.file.Name.End(), End: p.file.Name.End(), NewText: []byte("\n\nimport " + spec)}
}

// removeUnused returns edits deleting the imports whose every reference
// in the file lies inside a removed range, unless the fix uses the package
// or its new text names it again.
func (p *importPlan) removeUnused(removed []analysis.TextEdit, kept func(name string) bool) []analysis.TextEdit {
	if len(removed) == 0 {
		return nil
	}
	inRemoved := func(pos token.Pos) bool {
		for _, r := range removed {
			if r.Pos <= pos && pos < r.End {
				return true
			}
		}
		return false
	}
	var edits []analysis.TextEdit
	for _, spec := range p.file.Imports {
		if spec.Name != nil && (spec.Name.Name == "_" || spec.Name.Name == ".") {
			continue
		}
		if _, used := p.names[importPath(spec)]; used {
			continue // the fix itself refers to it
		}
		pn, _ := p.info.Defs[spec.Name].(*types.PkgName)
		if spec.Name == nil {
			pn, _ = p.info.Implicits[spec].(*types.PkgName)
		}
		if pn != nil && !p.usedOutside(pn, inRemoved) && !kept(pn.Name()) {
			edits = append(edits, p.deleteSpec(spec))
		}
	}
	return edits
}

func (p *importPlan) usedOutside(pn *types.PkgName, inRemoved func(token.Pos) bool) bool {
	for _, pos := range p.uses()[pn] {
		if !inRemoved(pos) {
			return true
		}
	}
	return false
}

// deleteSpec removes an import spec with its line, or the whole
// declaration when it is the only spec.
func (p *importPlan) deleteSpec(spec *ast.ImportSpec) analysis.TextEdit {
	for _, decl := range p.file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, s := range gd.Specs {
			if s == spec && len(gd.Specs) == 1 {
				return p.deleteLines(gd.Pos(), gd.End())
			}
		}
	}
	return p.deleteLines(spec.Pos(), spec.End())
}

// deleteLines removes the lines from pos to end, when nothing else shares
// them, or just the range otherwise.
func (p *importPlan) deleteLines(pos, end token.Pos) analysis.TextEdit {
	return DeleteLines(p.tok, p.src, pos, end)
}

func (p *importPlan) text(pos, end token.Pos) []byte {
	return p.src[p.tok.Offset(pos):p.tok.Offset(end)]
}

// DeleteLines returns an edit removing [pos, end) and, when the range is
// alone on its lines, those whole lines.
func DeleteLines(tok *token.File, src []byte, pos, end token.Pos) analysis.TextEdit {
	start, stop := tok.Offset(pos), tok.Offset(end)
	ls := start
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	le := stop
	for le < len(src) && (src[le] == ' ' || src[le] == '\t') {
		le++
	}
	if (ls == 0 || src[ls-1] == '\n') && (le == len(src) || src[le] == '\n') {
		if le < len(src) {
			le++
		}
		return analysis.TextEdit{Pos: tok.Pos(ls), End: tok.Pos(le)}
	}
	return analysis.TextEdit{Pos: pos, End: end}
}

func importPath(spec *ast.ImportSpec) string {
	path, _ := strconv.Unquote(spec.Path.Value)
	return path
}

// isStdPath reports whether path looks like a standard-library path.
func isStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// sortEdits orders edits by position, for stable output.
func sortEdits(edits []analysis.TextEdit) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
}
