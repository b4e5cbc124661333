// Package metamorph rewrites type-checked Go packages with
// semantics-preserving transformations, for metamorphic tests of static
// analyzers: an analyzer that understands what code means, not how it is
// spelt, reports the same findings on the rewritten package, at the
// rewritten lines.
//
// A [Transformation] finds the sites where it fits in a file and returns
// each as text edits of the original source. [Apply] applies every site of
// one transformation to every file of a package at once, and returns the
// rewritten files with a position map from original to rewritten offsets.
// Editing text rather than reprinting syntax trees keeps comments (the
// analysistest "// want" comments among them) where they were, and keeps
// the code a transformation does not touch byte for byte. An edit's new
// text may carry copies of original ranges ([Orig]): code moved from one
// place to another keeps its mapping, and the edits of the same
// transformation inside a moved range travel with it.
//
// The output is valid Go that gofmt accepts, but not necessarily
// gofmt-formatted: formatting would move lines, and analyzers do not need
// it. Transformations check what they can (scopes, captured variables,
// break statements) and leave the rest to the type checker: whether a
// rewrite still type-checks is for the caller to find out, and
// [FileResult.SiteAt] names the site whose text a type error points at.
//
// [Loader] and [Runner] are a small in-process driver for the tests that
// use this package: they type-check a package of a GOPATH-style tree with
// rewritten files in place of the originals, and run an analyzer on it
// after the packages it imports, with their facts, in milliseconds.
//
// To add a transformation, write a function that returns its sites and
// add one line for it to [All].
package metamorph

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// Package is a parsed and type-checked package: the input of a
// transformation.
type Package struct {
	Fset  *token.FileSet
	Files []*ast.File
	Src   [][]byte // Src[i] is the text Files[i] was parsed from
	Types *types.Package
	Info  *types.Info // with Types, Defs, Uses, Implicits, Selections and Scopes
}

// Transformation is one semantics-preserving rewrite.
type Transformation struct {
	Name string
	// Sites returns every site of f where the transformation fits.
	Sites func(f *File) []Site
	// Renames maps identifiers the transformation renames to their new
	// names, for comparing messages that quote code.
	Renames map[string]string
}

// Site is one place a transformation rewrites: all its edits apply, or
// none does.
type Site struct {
	Edits []Edit
	// Renames maps names the site spells differently to their new
	// spelling (g to groups1.g), for comparing messages that quote code.
	Renames map[string]string
}

// Edit replaces the original text [Pos, End) with New; Pos == End
// inserts.
type Edit struct {
	Pos, End token.Pos
	New      []Piece
}

// Piece is part of an edit's new text: literal text, or a copy of the
// original range [Pos, End) with the edits strictly inside that range
// applied (not insertions at its edges, not an edit of the whole range).
type Piece struct {
	Text     string
	Pos, End token.Pos // valid for a copy
}

// Text is a piece of literal text.
func Text(s string) Piece { return Piece{Text: s} }

// Orig is a piece that copies the original range [pos, end), with the
// edits inside it applied.
func Orig(pos, end token.Pos) Piece { return Piece{Pos: pos, End: end} }

// OrigNode is a piece that copies the original text of n.
func OrigNode(n ast.Node) Piece { return Orig(n.Pos(), n.End()) }

// Insert returns the edit inserting pieces at pos.
func Insert(pos token.Pos, pieces ...Piece) Edit { return Edit{Pos: pos, End: pos, New: pieces} }

// Replace returns the edit replacing [pos, end) with pieces.
func Replace(pos, end token.Pos, pieces ...Piece) Edit { return Edit{Pos: pos, End: end, New: pieces} }

// Delete returns the edit deleting [pos, end).
func Delete(pos, end token.Pos) Edit { return Edit{Pos: pos, End: end} }

// Result is a transformation applied to a package.
type Result struct {
	Files []*FileResult // one per file of the package, in its order
	Sites int           // sites rewritten in all files
	// Renames are the transformation's renames and those of the sites
	// rewritten: each name with its new spellings.
	Renames map[string][]string
}

// FileResult is one file of a rewritten package.
type FileResult struct {
	Name    string // the file's name in the package's file set
	Orig    []byte
	Src     []byte // the rewritten text; Orig when Sites is 0
	Sites   int    // sites rewritten in this file
	Applied []int  // their indices among the sites found in the file

	segs  []segment // verbatim copies of original text, by original offset
	repls []segment // replaced ranges (orig, end) and where their new text starts (out, outEnd)
}

// segment maps the original range [orig, end) to the rewritten range
// starting at out (and ending at outEnd for a replacement, made by site).
type segment struct {
	orig, end, out, outEnd int
	site                   int
}

// Apply applies t at every site where it fits in every file of p, leaving
// out the sites keep rejects (keep may be nil; index is the site's index
// among those t finds in the file). Sites that overlap other sites in a
// way that cannot be applied together are left out.
func Apply(p *Package, t Transformation, keep func(file, index int, s Site) bool) (*Result, error) {
	res := &Result{Renames: make(map[string][]string)}
	addRename := func(from, to string) {
		for _, x := range res.Renames[from] {
			if x == to {
				return
			}
		}
		res.Renames[from] = append(res.Renames[from], to)
	}
	for from, to := range t.Renames {
		addRename(from, to)
	}
	names := newNamer(p)
	for i, file := range p.Files {
		tok := p.Fset.File(file.Pos())
		f := &File{Package: p, AST: file, Src: p.Src[i], Tok: tok, names: names}
		var sites []Site
		var index []int
		for j, s := range t.Sites(f) {
			if keep == nil || keep(i, j, s) {
				sites = append(sites, s)
				index = append(index, j)
			}
		}
		fr, applied, err := applyFile(f, sites)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", t.Name, tok.Name(), err)
		}
		for _, si := range applied {
			for from, to := range sites[si].Renames {
				addRename(from, to)
			}
		}
		for k := range fr.repls {
			fr.repls[k].site = index[fr.repls[k].site]
		}
		for _, si := range applied {
			fr.Applied = append(fr.Applied, index[si])
		}
		res.Files = append(res.Files, fr)
		res.Sites += fr.Sites
	}
	return res, nil
}

// edit is an Edit in offsets, with its site.
type edit struct {
	pos, end int
	new      []piece
	site     int
}

// piece is a Piece in offsets.
type piece struct {
	text     string
	copy     bool
	pos, end int
}

// applyFile renders the sites of one file, dropping sites that cannot be
// applied whole until every remaining site is.
func applyFile(f *File, sites []Site) (*FileResult, []int, error) {
	live := make([]bool, len(sites))
	for i := range live {
		live[i] = true
	}
	size := len(f.Src)
	for {
		var edits []edit
		for si, s := range sites {
			if !live[si] {
				continue
			}
			for _, e := range s.Edits {
				x := edit{pos: f.Off(e.Pos), end: f.Off(e.End), site: si}
				if x.pos < 0 || x.end < x.pos || x.end > size {
					return nil, nil, fmt.Errorf("edit [%d,%d) out of range", x.pos, x.end)
				}
				for _, p := range e.New {
					if p.Pos.IsValid() {
						q := piece{copy: true, pos: f.Off(p.Pos), end: f.Off(p.End)}
						if q.pos < 0 || q.end < q.pos || q.end > size {
							return nil, nil, fmt.Errorf("copy [%d,%d) out of range", q.pos, q.end)
						}
						x.new = append(x.new, q)
					} else {
						x.new = append(x.new, piece{text: p.Text})
					}
				}
				edits = append(edits, x)
			}
		}
		sort.SliceStable(edits, func(i, j int) bool {
			if edits[i].pos != edits[j].pos {
				return edits[i].pos < edits[j].pos
			}
			return edits[i].end < edits[j].end
		})
		r := &renderer{src: f.Src, edits: edits, applied: make([]int, len(edits))}
		r.render(0, size)
		// A site applies when each of its edits applied exactly once.
		done := make(map[int]bool)
		bad := false
		for i, e := range edits {
			if r.applied[i] != 1 {
				if live[e.site] {
					live[e.site] = false
					bad = true
				}
			}
			done[e.site] = true
		}
		if bad {
			continue
		}
		fr := &FileResult{Name: f.Tok.Name(), Orig: f.Src, Src: []byte(r.out.String()), Sites: len(done), segs: r.segs, repls: r.repls}
		sort.Slice(fr.segs, func(i, j int) bool { return fr.segs[i].orig < fr.segs[j].orig })
		var applied []int
		for si := range done {
			applied = append(applied, si)
		}
		sort.Ints(applied)
		return fr, applied, nil
	}
}

type renderer struct {
	src     []byte
	edits   []edit
	applied []int
	out     strings.Builder
	segs    []segment
	repls   []segment
	depth   int
}

// render writes the original range [lo, hi) with the edits inside it.
func (r *renderer) render(lo, hi int) {
	r.depth++
	if r.depth > 100 {
		panic("metamorph: copies nest too deep")
	}
	cur := lo
	for i, e := range r.edits {
		if e.pos < lo || e.pos < cur || e.end > hi {
			continue
		}
		if r.depth > 1 && (e.pos == e.end && (e.pos == lo || e.pos == hi) || e.pos == lo && e.end == hi) {
			// An insertion at the edge of a copy stays where the copy
			// came from; an edit of the whole copied range is the one
			// that moves it.
			continue
		}
		r.verbatim(cur, e.pos)
		start := r.out.Len()
		for _, p := range e.new {
			if p.copy {
				r.render(p.pos, p.end)
			} else {
				r.out.WriteString(p.text)
			}
		}
		r.repls = append(r.repls, segment{orig: e.pos, end: e.end, out: start, outEnd: r.out.Len(), site: e.site})
		r.applied[i]++
		cur = e.end
	}
	r.verbatim(cur, hi)
	r.depth--
}

func (r *renderer) verbatim(lo, hi int) {
	if lo < hi {
		r.segs = append(r.segs, segment{orig: lo, end: hi, out: r.out.Len()})
		r.out.Write(r.src[lo:hi])
	}
}

// Offset maps an offset of the original file to the rewritten file: code
// kept or moved maps to where it is now, an offset inside replaced text to
// the start of its replacement.
func (fr *FileResult) Offset(off int) int {
	if fr.segs == nil {
		return off
	}
	i := sort.Search(len(fr.segs), func(i int) bool { return fr.segs[i].end > off })
	if i < len(fr.segs) && fr.segs[i].orig <= off {
		s := fr.segs[i]
		return s.out + off - s.orig
	}
	best := -1
	for j, s := range fr.repls {
		if s.orig <= off && off < s.end && (best < 0 || s.end-s.orig < fr.repls[best].end-fr.repls[best].orig) {
			best = j
		}
	}
	if best >= 0 {
		return fr.repls[best].out
	}
	if off >= len(fr.Orig) {
		return len(fr.Src)
	}
	// Inside a range dropped without a replacement: where the text
	// after it went.
	for _, s := range fr.segs {
		if s.orig >= off {
			return s.out
		}
	}
	return len(fr.Src)
}

// OrigOffset maps an offset of the rewritten file back to the original:
// the inverse of Offset for kept code, the start of the replaced range for
// new text.
func (fr *FileResult) OrigOffset(off int) int {
	if fr.segs == nil {
		return off
	}
	for _, s := range fr.segs {
		if s.out <= off && off < s.out+s.end-s.orig {
			return s.orig + off - s.out
		}
	}
	best := -1
	for j, s := range fr.repls {
		if s.out <= off && off < s.outEnd && (best < 0 || s.outEnd-s.out < fr.repls[best].outEnd-fr.repls[best].out) {
			best = j
		}
	}
	if best >= 0 {
		return fr.repls[best].orig
	}
	return len(fr.Orig)
}

// SiteAt returns the index of the site whose new text holds offset off of
// the rewritten file (text it copied from the original excluded), or -1.
func (fr *FileResult) SiteAt(off int) int {
	for _, s := range fr.segs {
		if s.out <= off && off < s.out+s.end-s.orig {
			return -1
		}
	}
	best := -1
	for j, s := range fr.repls {
		if s.out <= off && off < s.outEnd && (best < 0 || s.outEnd-s.out < fr.repls[best].outEnd-fr.repls[best].out) {
			best = j
		}
	}
	if best < 0 {
		return -1
	}
	return fr.repls[best].site
}

// Line returns the 1-based line of offset off in src.
func Line(src []byte, off int) int {
	off = min(off, len(src))
	n := 1
	for _, b := range src[:off] {
		if b == '\n' {
			n++
		}
	}
	return n
}

// LineOffset returns the offset of the start of 1-based line n in src.
func LineOffset(src []byte, n int) int {
	for off := 0; n > 1; off++ {
		if off >= len(src) {
			return len(src)
		}
		if src[off] == '\n' {
			n--
			if n == 1 {
				return off + 1
			}
		}
	}
	return 0
}
