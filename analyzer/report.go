package analyzer

// This file turns swallows into diagnostics: the category that users
// filter on, a one-sentence message in go vet's voice that says what is
// lost and where the suppression belongs, the related position of the
// cancellation test, and the URL of the category's README section.

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/fix"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/swallows"
)

// readme is where the categories are documented.
const readme = "https://github.com/swallowcancel/swallowcancel#"

// reportAll reports what decide found, each finding with its fix once the
// fixes have been checked against the type checker.
func (c *checker) reportAll(pass *analysis.Pass, findings []*fix.Finding, leaks []*leak, consumed []consumerFinding, bounds []*boundary) {
	checkFixes(pass, findings, leaks)
	em := newEmitter(pass, &c.opts)
	for _, f := range findings {
		c.report(em, f)
	}
	for _, l := range leaks {
		c.reportWait(em, l)
	}
	for _, f := range consumed {
		if coveredBy(bounds, f.call.Pos()) == nil {
			c.reportConsumer(em, f)
		}
	}
}

// checkFixes type-checks every fix, all together first, then, if that
// fails, halves of the failing set in turn, so that a few bad fixes among
// many cost a few type checks each, not one per fix. A fix that fails is
// dropped, and the failure becomes the reason there is none.
func checkFixes(pass *analysis.Pass, findings []*fix.Finding, leaks []*leak) {
	type candidate struct {
		fix *analysis.SuggestedFix
		bad func(reason string)
	}
	var cands []candidate
	for _, f := range findings {
		if f.Fix != nil {
			cands = append(cands, candidate{f.Fix, func(r string) { f.Fix, f.Withheld = nil, r }})
		}
	}
	for _, l := range leaks {
		if l.fix != nil {
			cands = append(cands, candidate{&l.fix.Fix, func(r string) { l.fix, l.noFix = nil, r }})
		}
	}
	fc := fix.NewFixChecker(pass)
	var bisect func(cs []candidate)
	bisect = func(cs []candidate) {
		if len(cs) == 0 {
			return
		}
		set := make([]analysis.SuggestedFix, len(cs))
		for i, c := range cs {
			set[i] = *c.fix
		}
		err := fc.Check(set)
		switch {
		case err == nil:
		case len(cs) == 1:
			cs[0].bad(err.Error())
		default:
			bisect(cs[:len(cs)/2])
			bisect(cs[len(cs)/2:])
		}
	}
	bisect(cands)
}

// report emits the diagnostic of f, with its fix.
func (c *checker) report(em *emitter, f *fix.Finding) {
	s, af := f.S, f.Await
	var fixes []analysis.SuggestedFix
	if f.Fix != nil {
		fixes = append(fixes, *f.Fix)
	}
	pos, end := s.Site.Pos(), s.Site.End()
	if body, ok := s.Site.(*ast.BlockStmt); ok {
		pos, end = body.Rbrace, body.Rbrace+1 // the implicit return at the end of a body
		if cc := emptyCase(body, s.Test); cc != nil {
			// select { case <-ctx.Done(): … } that falls through to the
			// end: the empty case is where the path gives up saying so.
			pos, end = cc.Case, cc.Colon+1
		}
	}
	d := analysis.Diagnostic{
		Pos:            pos,
		End:            end,
		Category:       s.Category.String(),
		Message:        message(s, af) + noFixNote(f.Withheld),
		URL:            readme + "category-" + s.Category.String(),
		SuggestedFixes: fixes,
	}
	related := func(n ast.Node, msg string) {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: n.Pos(), End: n.End(), Message: msg})
	}
	if s.Test != nil {
		related(s.Test.Node, "cancellation tested here")
	}
	if s.Consumer != nil && s.Consumer != s.Site {
		related(s.Consumer, "the nil is taken for finished work here")
	}
	if af != nil {
		if af.CancelAt != nil {
			related(af.CancelAt, "the owner cancels the context here")
		}
		for _, site := range af.Sites {
			related(site.Call, "the owner awaits the task here")
		}
	}
	em.emit(d)
}

// lost names what a swallow drops.
func lost(s *swallows.Swallow) string {
	if s.Test != nil && s.Test.Grpc {
		switch s.Sentinels {
		case recognize.SentCanceled:
			return "codes.Canceled"
		case recognize.SentDeadline:
			return "codes.DeadlineExceeded"
		}
		return "the cancellation"
	}
	switch s.Sentinels {
	case recognize.SentCanceled:
		return "context.Canceled"
	case recognize.SentDeadline:
		return "context.DeadlineExceeded"
	}
	return "the cancellation"
}

// message is the diagnostic's sentence: what is lost, and where the
// suppression belongs — the owner's af site when it is known.
func message(s *swallows.Swallow, af *fix.AwaitFix) string {
	elsewhere := "ignore it in the caller that cancels the context"
	if af != nil {
		elsewhere = "ignore it at " + af.Name + ", where the context is cancelled"
	}
	what := lost(s)
	if s.Category == swallows.CatOwner {
		if s.FieldParent {
			// pond's group Wait: the type cancels its context, but its
			// constructor derived it from a caller's.
			return fmt.Sprintf("%s is ignored, but the context was derived from the one the type's constructor was handed, whose cancellation is not the type's to suppress", what)
		}
		return fmt.Sprintf("%s is ignored without checking that the parent context is still live", what)
	}
	if s.Kind == swallows.SwallowMaybeNil {
		if s.Category == swallows.CatDone {
			what = "the cancellation"
		}
		return fmt.Sprintf("returning an error that may be nil and does not carry %s hides it; return %s too and %s", what, carrier(s), elsewhere)
	}
	if s.Category == swallows.CatDone {
		switch s.Kind {
		case swallows.SwallowSend:
			return "sending nil once the context is done hides the cancellation; send ctx.Err() and " + elsewhere
		case swallows.SwallowNoSend:
			return "returning without a send once the context is done hides the cancellation; send ctx.Err() and " + elsewhere
		case swallows.SwallowAssign:
			return "setting the error to nil once the context is done hides the cancellation; return ctx.Err() and " + elsewhere
		}
		return "returning nil once the context is done hides the cancellation; return ctx.Err() and " + elsewhere
	}
	switch s.Kind {
	case swallows.SwallowAssign:
		return fmt.Sprintf("setting the error to nil swallows %s; return it and %s", what, elsewhere)
	case swallows.SwallowContinue:
		return fmt.Sprintf("continuing after %s keeps working under a cancelled context; return the error instead", what)
	case swallows.SwallowSend:
		return fmt.Sprintf("sending nil swallows %s; send the error and %s", what, elsewhere)
	case swallows.SwallowNoSend:
		return fmt.Sprintf("returning without a send swallows %s; send the error and %s", what, elsewhere)
	case swallows.SwallowHelper:
		return fmt.Sprintf("%s turns %s into nil; return the error and %s", s.Helper.Name(), what, elsewhere)
	}
	return fmt.Sprintf("returning nil swallows %s; return it and %s", what, elsewhere)
}

// carrier names the error that carries the cancellation s drops.
func carrier(s *swallows.Swallow) string {
	if s.Test != nil && s.Test.OnContext() {
		return "ctx.Err()"
	}
	return "the tested error"
}

// noFixNote is what a diagnostic without a fix adds to its message.
func noFixNote(why string) string {
	if why == "" {
		return ""
	}
	return " (no automatic fix: " + why + ")"
}

// emitter reports the diagnostics of one pass.
type emitter struct {
	pass        *analysis.Pass
	opts        *Options
	nolint      map[lineKey]bool // lines with a //nolint for us, when honoured
	nolintAlone map[lineKey]bool // those where the comment stands alone
}

func newEmitter(pass *analysis.Pass, opts *Options) *emitter {
	em := &emitter{pass: pass, opts: opts}
	if opts.Nolint {
		em.nolint = nolintLines(pass)
		em.nolintAlone = nolintAloneLines(pass, em.nolint)
	}
	return em
}

// emit reports d, with its related positions folded into the message where
// the options ask for it, unless a //nolint comment the options honour
// marks it.
func (em *emitter) emit(d analysis.Diagnostic) {
	pass := em.pass
	if em.opts.Nolint && em.nolinted(d) {
		return
	}
	if em.opts.RelatedInMessage && len(d.Related) > 0 {
		var notes []string
		at := pass.Fset.Position(d.Pos)
		for _, r := range d.Related {
			p := pass.Fset.Position(r.Pos)
			where := fmt.Sprintf("line %d", p.Line)
			if p.Filename != at.Filename {
				where = fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
			}
			notes = append(notes, strings.TrimSuffix(r.Message, " here")+" at "+where)
		}
		d.Message += " (" + strings.Join(notes, "; ") + ")"
		d.Related = nil
	}
	pass.Report(d)
}

// nolinted reports whether a //nolint comment for this analyzer sits on
// the line of d or of its cancellation test, or alone on the line above.
func (em *emitter) nolinted(d analysis.Diagnostic) bool {
	lines := []token.Pos{d.Pos}
	for _, r := range d.Related {
		if r.Message == "cancellation tested here" {
			lines = append(lines, r.Pos)
		}
	}
	for _, pos := range lines {
		p := em.pass.Fset.Position(pos)
		above := lineKey{p.Filename, p.Line - 1}
		if em.nolint[lineKey{p.Filename, p.Line}] || em.nolint[above] && em.nolintAlone[above] {
			return true
		}
	}
	return false
}

// emptyCase returns the select case of body, nested literals aside, whose
// communication is test t and whose body is empty, or nil.
func emptyCase(body *ast.BlockStmt, t *recognize.CancelTest) *ast.CommClause {
	if t == nil {
		return nil
	}
	var found *ast.CommClause
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			if n.Comm != nil && len(n.Body) == 0 && n.Case <= t.Node.Pos() && t.Node.Pos() < n.Colon {
				found = n
			}
		}
		return found == nil
	})
	return found
}
