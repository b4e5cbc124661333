package analyzer

// This file turns the owner's leaks into unawaited diagnostics: the
// message, the related positions of the group and its first task, and
// the fix or the reason there is none.

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// waitMessage is the sentence of an unawaited diagnostic.
func waitMessage(f *waitFinding, cancels bool) string {
	name := f.group.obj.Name()
	if f.group.channel {
		what := "returning here"
		if f.leak.implied {
			what = "the function ends here"
		}
		return fmt.Sprintf("%s leaves goroutines that report on %s running; receive their results first", what, name)
	}
	if f.leak == nil {
		return fmt.Sprintf("tasks started on %s are never waited for; their errors are lost and they outlive the function", name)
	}
	what := "returning here"
	if f.leak.implied {
		what = "the function ends here"
	}
	if cancels {
		return fmt.Sprintf("%s leaves the tasks started on %s running; cancel them and wait for %s first", what, name, name)
	}
	return fmt.Sprintf("%s leaves the tasks started on %s running; wait for %s first", what, name, name)
}

// reportWait emits an unawaited diagnostic with its fix, or with the
// reason it has none.
func (c *checker) reportWait(em *emitter, f *waitFinding, fix *waitFix, noFix string) {
	pos, end := f.site()
	d := analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: catUnawaited.String(),
		Message:  waitMessage(f, fix != nil && fix.cancel != "") + noFixNote(noFix),
		URL:      readme + "category-unawaited",
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{fix.fix}
	}
	if f.leak != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.group.created.Pos(), End: f.group.created.End(), Message: "the group is created here"})
	}
	if len(f.group.starts) > 0 {
		p := f.group.starts[0]
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: p, End: p, Message: "a task is started here"})
	}
	em.emit(d)
}
