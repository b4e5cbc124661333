package analyzer

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/fix"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/swallows"
)

// verdict decides a swallow the task checks found: whether it is one at
// all (callers that own what it suppresses), whether the default mode
// reports it (the precision rules, then where its nil lands), and, when
// what decides it lies outside the task, why no fix of it is whole.
// Reporting and fixing read what it records: s.ByDefault, s.Consumer,
// f.Withheld. It returns nil when the swallow is not one.
func (c *checker) verdict(pass *analysis.Pass, callers *ownership.CallerOwnership, fi *flow.FuncInfo, s *swallows.Swallow, cur inspector.Cursor) *fix.Finding {
	if s.Sentinels&^callers.Owned(fi, s.Test, s.Category == swallows.CatOwner) == 0 {
		return nil // every caller owns what it suppresses
	}
	f := &fix.Finding{Fi: fi, S: s, Cur: cur}
	switch {
	case !fi.Callback && callers.HandedToFramework(fi):
		// A framework's stop contract: dskit treats any error from a
		// service's running function as a failure (mimir: 74 tests fail
		// after such a propagation).
		s.ByDefault = false
		f.Withheld = "the function is handed to a framework of another package, whose stop contract its nil is"
	case callers.AwaitsOnlyLog(fi):
		s.ByDefault = false // a group whose waits only log
	case fi.FieldContext:
		s.ByDefault = false // the audit's, until a consumer is seen acting on its nil
	case callers.CancelledByEncloser(fi):
		s.ByDefault = false // the function around it made the context and cancels it: its own stop
	}
	if callers.EndsWithLauncher(fi, s.Test) {
		// Cancelled only once its launcher returned: no reader is left.
		// podman's notifyproxy: a send of the cancellation would land in
		// a channel nobody reads any more, and may block.
		s.ByDefault = false
		f.Withheld = "the context ends only once the function that started the task has returned: nobody reads what it would report"
	}
	if !s.Category.TaskSide() {
		return f
	}
	// By default, only where the false success lands.
	landing := callers.ConsumerOf(fi, s.Site)
	if s.ByDefault && !c.opts.everyNilConsumed {
		s.Consumer, s.ByDefault = landing.At, landing.At != nil
		if landing.At == nil {
			exportFalseSuccess(pass, landing.Outside, s)
		}
	}
	switch {
	case f.Withheld != "":
	case landing.Logged != nil || callers.LoggingCaller(fi) != nil:
		f.Withheld = "a caller only logs the error, and would log every stop as a failure"
	case landing.At == nil && landing.Unseen && !c.opts.everyNilConsumed:
		// restic's StreamTrees workers: the group is the caller's, whose
		// consumers may panic on any error.
		f.Withheld = "the task's group is waited on outside this function: who would receive the cancellation is not seen"
	case landing.At == nil && len(landing.Outside) > 0 && !c.opts.everyNilConsumed:
		// kubo's PeriodicGC: the daemon joins every error it returns,
		// and would end each Ctrl-C with "context canceled".
		f.Withheld = "callers in other packages would be told of the cancellation, and their suppression is not in this package"
	}
	return f
}
