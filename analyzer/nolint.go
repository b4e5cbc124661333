package analyzer

// This file reads golangci-lint's //nolint comments, for the plugin: a
// finding is reported at the statement that drops the cancellation, and
// golangci-lint honours a comment there or on its own line above that
// statement, but not one on the if that tests the cancellation, which is
// where many authors put it. With Options.Nolint the analyzer honours
// those placements itself, so that every placement silences the finding.

import (
	"strings"

	"golang.org/x/tools/go/analysis"
)

// lineKey is a line of a file.
type lineKey struct {
	file string
	line int
}

// nolintLines returns the lines of the package's files that carry a
// //nolint comment for swallowcancel.
func nolintLines(pass *analysis.Pass) map[lineKey]bool {
	return commentLines(pass, func(text string) bool { return nolintFor(text, "swallowcancel") })
}

// nilerrLines returns the lines of the package's files that carry a
// //nolint comment naming nilerr, the linter that reports a nil returned
// while an error is in hand: the author says there that the nil is meant
// (ollama: "cancellation is not a user-facing emit failure").
func nilerrLines(pass *analysis.Pass) map[lineKey]bool {
	return commentLines(pass, func(text string) bool {
		rest, ok := strings.CutPrefix(text, "//nolint:")
		return ok && nolintFor(text, "nilerr") && !strings.HasPrefix(rest, "all")
	})
}

// commentLines returns the lines that carry a comment matching keep.
func commentLines(pass *analysis.Pass, keep func(text string) bool) map[lineKey]bool {
	lines := make(map[lineKey]bool)
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if !keep(c.Text) {
					continue
				}
				p := pass.Fset.Position(c.Slash)
				lines[lineKey{p.Filename, p.Line}] = true
			}
		}
	}
	return lines
}

// nolintAloneLines returns which of the nolint lines hold nothing but the
// comment.
func nolintAloneLines(pass *analysis.Pass, lines map[lineKey]bool) map[lineKey]bool {
	alone := make(map[lineKey]bool)
	for _, f := range pass.Files {
		tok := pass.Fset.File(f.FileStart)
		if tok == nil {
			continue
		}
		src, err := pass.ReadFile(tok.Name())
		if err != nil || len(src) != tok.Size() {
			continue
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				p := pass.Fset.Position(c.Slash)
				k := lineKey{p.Filename, p.Line}
				if !lines[k] {
					continue
				}
				start := tok.Offset(tok.LineStart(p.Line))
				if strings.TrimSpace(string(src[start:tok.Offset(c.Slash)])) == "" {
					alone[k] = true
				}
			}
		}
	}
	return alone
}

// nolintFor reports whether comment text is a //nolint directive that
// covers the named linter: a bare //nolint, //nolint:all, or a list that
// names it.
func nolintFor(text, name string) bool {
	rest, ok := strings.CutPrefix(text, "//nolint")
	if !ok {
		return false
	}
	if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
		return true // every linter
	}
	if rest[0] != ':' {
		return false
	}
	list := rest[1:]
	if i := strings.IndexAny(list, " \t/"); i >= 0 {
		list = list[:i]
	}
	for _, l := range strings.Split(list, ",") {
		if l == name || l == "all" {
			return true
		}
	}
	return false
}
