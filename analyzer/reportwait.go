package analyzer

// This file turns the owner's leaks into unawaited diagnostics: the
// message, the related positions of the group and its first task, and
// the fix or the reason there is none.

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/await"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/swallows"
)

// waitMessage is the sentence of an unawaited diagnostic.
func waitMessage(f *await.WaitFinding, cancels bool) string {
	name := f.Group.Name
	if f.Group.Channel {
		what := "returning here"
		if f.Leak.Implied {
			what = "the function ends here"
		}
		switch {
		case f.Stuck && f.Leak.Fanned():
			return fmt.Sprintf("%s leaves the goroutines that send on %s blocked forever: nothing receives from the unbuffered channel after this; receive their results or give it room for them", what, name)
		case f.Stuck:
			return fmt.Sprintf("%s leaves the goroutine that sends on %s blocked forever: nothing receives from the unbuffered channel after this; give it room for the result", what, name)
		}
		return fmt.Sprintf("%s leaves goroutines that report on %s running; receive their results first", what, name)
	}
	if f.Leak == nil {
		return fmt.Sprintf("tasks started on %s are never waited for; their errors are lost and they outlive the function", name)
	}
	what := "returning here"
	if f.Leak.Implied {
		what = "the function ends here"
	}
	if cancels {
		return fmt.Sprintf("%s leaves the tasks started on %s running; cancel them and wait for %s first", what, name, name)
	}
	return fmt.Sprintf("%s leaves the tasks started on %s running; wait for %s first", what, name, name)
}

// reportWait emits an unawaited diagnostic with its fix, or with the
// reason it has none.
func (c *checker) reportWait(em *emitter, l *leak) {
	f, fix, noFix := l.WaitFinding, l.fix, l.noFix
	pos, end := f.Site()
	d := analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: swallows.CatUnawaited.String(),
		Message:  waitMessage(f, fix != nil && fix.Cancel != "") + noFixNote(noFix),
		URL:      readme + "category-unawaited",
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{fix.Fix}
	}
	if f.Leak != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.Group.Created.Pos(), End: f.Group.Created.End(), Message: "the group is created here"})
	}
	if len(f.Group.Starts) > 0 {
		p := f.Group.Starts[0]
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: p, End: p, Message: "a task is started here"})
	}
	for _, p := range f.Also {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: p, End: p, Message: "returning here leaves it blocked too"})
	}
	em.emit(d)
}
