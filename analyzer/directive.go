package analyzer

// This file handles the boundary directive, Go's counterpart of asyncio's
// uncancel(): a comment that marks a deliberate suppression and says why.
//
//	//swallowcancel:boundary the queue drains on shutdown; callers check Closed()
//	func (q *Queue) run(ctx context.Context) error {
//
// On a function's doc comment it covers the function; on the line above a
// statement, that statement. Like staticcheck's lint:ignore, it must carry
// a reason, and one that suppresses nothing is reported, so that stale
// directives do not pile up. A directive counts as used when it covers a
// finding of any mode, so that one written for -strict is not reported as
// unused by the default mode.

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/fix"
)

const directivePrefix = "//swallowcancel:boundary"

// boundary is one directive and what it covers.
type boundary struct {
	comment    *ast.Comment
	group      *ast.CommentGroup
	reason     string
	start, end token.Pos // the function or statement it covers; invalid if none
	used       bool
}

// boundariesOf finds the directives of the package's files.
func boundariesOf(pass *analysis.Pass) []*boundary {
	var out []*boundary
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			if !hasDirective(cg) {
				continue
			}
			for _, c := range cg.List {
				rest, ok := strings.CutPrefix(c.Text, directivePrefix)
				if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
					continue
				}
				b := &boundary{comment: c, group: cg, reason: strings.TrimSpace(rest)}
				b.start, b.end = boundaryTarget(pass.Fset, f, cg, c)
				out = append(out, b)
			}
		}
	}
	return out
}

// hasDirective reports whether the group holds a directive comment.
func hasDirective(cg *ast.CommentGroup) bool {
	for _, c := range cg.List {
		if strings.HasPrefix(c.Text, directivePrefix) {
			return true
		}
	}
	return false
}

// boundaryTarget returns the extent of the function whose doc comment
// holds c, or of the statement that starts on the line after c.
func boundaryTarget(fset *token.FileSet, f *ast.File, cg *ast.CommentGroup, c *ast.Comment) (token.Pos, token.Pos) {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc == cg {
			return fd.Pos(), fd.End()
		}
	}
	tok := fset.File(c.Pos())
	line := tok.Line(c.End()) + 1
	if line > tok.LineCount() {
		return token.NoPos, token.NoPos
	}
	// The first token of the next line.
	src := tok.LineStart(line)
	// The outermost statement or declaration that starts on that line;
	// only nodes that span the line are entered, so that a file with many
	// directives is not walked once for each.
	next := token.Pos(tok.Base() + tok.Size())
	if line < tok.LineCount() {
		next = tok.LineStart(line + 1)
	}
	var target ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if target != nil || n == nil || n.End() <= src || n.Pos() >= next {
			return false
		}
		if n.Pos() >= src {
			switch n.(type) {
			case ast.Stmt, *ast.FuncDecl, *ast.GenDecl:
				target = n
				return false
			}
		}
		return true
	})
	if target == nil {
		return token.NoPos, token.NoPos
	}
	return target.Pos(), target.End()
}

// covers reports whether the directive covers pos.
func (b *boundary) covers(pos token.Pos) bool {
	return b.start.IsValid() && b.start <= pos && pos < b.end
}

// coveredBy returns the directive that covers pos, if any, marking it used.
func coveredBy(bounds []*boundary, pos token.Pos) *boundary {
	for _, b := range bounds {
		if b.covers(pos) {
			b.used = true
			return b
		}
	}
	return nil
}

// reportDirectives reports directives without a reason, on nothing, or
// that suppress nothing.
func reportDirectives(pass *analysis.Pass, fx *fix.Fixer, bounds []*boundary) {
	for _, b := range bounds {
		_, tok, src := fx.File(b.comment.Pos())
		d := analysis.Diagnostic{
			Pos:      b.comment.Pos(),
			End:      b.comment.End(),
			Category: "boundary",
			URL:      readme + "the-boundary-directive",
		}
		var remove []analysis.SuggestedFix
		if src != nil {
			// With the directive goes the empty line gofmt put before it.
			start := b.comment.Pos()
			if list := b.group.List; len(list) > 1 && list[len(list)-1] == b.comment && list[len(list)-2].Text == "//" {
				start = list[len(list)-2].Pos()
			}
			remove = []analysis.SuggestedFix{{
				Message:   "Remove the directive",
				TextEdits: []analysis.TextEdit{fix.DeleteLines(tok, src, start, b.comment.End())},
			}}
		}
		switch {
		case b.reason == "":
			d.Message = "boundary directive needs a reason"
		case !b.start.IsValid():
			d.Message = "boundary directive is not above a function or a statement"
			d.SuggestedFixes = remove
		case !b.used:
			d.Message = "boundary directive suppresses nothing"
			d.SuggestedFixes = remove
		default:
			continue
		}
		pass.Report(d)
	}
}
