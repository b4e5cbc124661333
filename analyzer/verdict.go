package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/await"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/fix"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/swallows"
)

// leak is an unawaited finding with its verdict: its fix, or why it has
// none.
type leak struct {
	*await.WaitFinding
	fix   *fix.WaitFix
	noFix string
}

// decide is the one place findings are decided. For each swallow the task
// checks found, verdict says whether it is one and in which mode; the
// findings awaited at one owner's await site then share that site's
// rewrite; each finding and each leak gets its fix or the reason it has
// none. What it returns, in source order, is all that reporting reads:
// the fixes only remain to be checked against the type checker.
func (c *checker) decide(pass *analysis.Pass, fx *fix.Fixer, callers *ownership.CallerOwnership, bounds []*boundary, found []*fix.Finding, waits []*await.WaitFinding) ([]*fix.Finding, []*leak) {
	var findings []*fix.Finding
	nilerr := nilerrLines(pass)
	for _, f := range found {
		// A boundary directive silences what it covers, in either mode.
		if c.verdict(pass, callers, nilerr, f) && coveredBy(bounds, f.S.Site.Pos()) == nil && (f.S.ByDefault || c.opts.Strict) {
			findings = append(findings, f)
		}
	}
	sort.Slice(findings, func(i, j int) bool { return findings[i].S.Site.Pos() < findings[j].S.Site.Pos() })
	planAwaits(fx, findings)
	for _, f := range findings {
		if sf, reason := fx.FixOf(f); reason != "" {
			f.Withheld = reason
		} else {
			f.Fix = &sf
		}
	}
	var leaks []*leak
	for _, w := range waits {
		if pos, _ := w.Site(); coveredBy(bounds, pos) == nil {
			l := &leak{WaitFinding: w}
			l.fix, l.noFix = fx.WaitFixOf(w)
			leaks = append(leaks, l)
		}
	}
	return findings, leaks
}

// verdict decides a swallow the task checks found: whether it is one at
// all (callers that own what it suppresses), whether the default mode
// reports it (the precision rules, then where its nil lands), and, when
// what decides it lies outside the task, why no fix of it is whole. It
// records its decision in f.S.ByDefault, f.S.Consumer and f.Withheld, and
// returns false when the swallow is not one.
func (c *checker) verdict(pass *analysis.Pass, callers *ownership.CallerOwnership, nilerr map[lineKey]bool, f *fix.Finding) bool {
	fi, s := f.Fi, f.S
	if s.Sentinels&^callers.Owned(fi, s.Test, s.Category == swallows.CatOwner) == 0 {
		return false // every caller owns what it suppresses
	}
	switch {
	case markedNilErr(pass, nilerr, s.Site.Pos()):
		// //nolint:nilerr at the nil: the author says it is meant.
		s.ByDefault = false
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
		return true
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
	case landing.LogsOnError != nil:
		// telegraf's kinesis consumer: c.log.Errorf("Consuming shard %s
		// failed: %v", …) on every Stop.
		f.Withheld = "a caller logs or records every error it gets as a failure, and would do so at each stop"
	case landing.At == nil && landing.Unseen && !c.opts.everyNilConsumed:
		// restic's StreamTrees workers: the group is the caller's, whose
		// consumers may panic on any error.
		f.Withheld = "the task's group is waited on outside this function: who would receive the cancellation is not seen"
	case landing.At == nil && len(landing.Outside) > 0 && !c.opts.everyNilConsumed:
		// kubo's PeriodicGC: the daemon joins every error it returns,
		// and would end each Ctrl-C with "context canceled".
		f.Withheld = "callers in other packages would be told of the cancellation, and their suppression is not in this package"
	}
	return true
}

// planAwaits gives each finding awaited at its owner's await site the
// rewrite of that site, which covers the sentinels of every finding
// awaited there. A site is rewritten only if every task it waits on
// swallows and is fixed to propagate: a task that already propagates
// cancellation would otherwise lose it at the owner.
func planAwaits(fx *fix.Fixer, findings []*fix.Finding) {
	type planKey struct {
		body   *ast.BlockStmt
		waited types.Object
	}
	byPlan := make(map[planKey]*fix.AwaitFix)
	var order []*fix.AwaitFix // in the order of the findings: map order is not stable
	members := make(map[*fix.AwaitFix][]*fix.Finding)
	for _, f := range findings {
		if f.S.Category == swallows.CatOwner {
			continue
		}
		plan := fx.AwaitOf(f)
		if plan == nil {
			continue
		}
		key := planKey{plan.Owner.Body, plan.Waited}
		af := byPlan[key]
		if af == nil {
			af = &fix.AwaitFix{AwaitPlan: plan, Grpc: true}
			byPlan[key] = af
			order = append(order, af)
		}
		af.Sentinels |= f.S.Sentinels & plan.Owned
		af.Grpc = af.Grpc && f.S.Test.Grpc
		members[af] = append(members[af], f)
	}
	for _, af := range order {
		fs := members[af]
		lits, ok := fx.TasksAwaited(af.AwaitPlan)
		fixed := make(map[ast.Node]bool)
		for _, f := range fs {
			fixed[f.Cur.Node()] = true // a launched literal, or a function launched by name
		}
		for lit := range lits {
			ok = ok && fixed[lit]
		}
		if !ok {
			// The owner cancels what these tasks watch: propagating
			// without its suppression would turn its own stop into an
			// error at a Wait that other tasks report to as well.
			plan := *af.AwaitPlan
			plan.Withheld = "the owner cancels the context itself, and " + af.Name + " also reports tasks that are not fixed here"
			af = &fix.AwaitFix{AwaitPlan: &plan, Sentinels: af.Sentinels, Grpc: af.Grpc}
		}
		for _, f := range fs {
			f.Await = af
		}
	}
}

// markedNilErr reports whether the line of pos, or the line above it, has
// a //nolint comment naming nilerr.
func markedNilErr(pass *analysis.Pass, lines map[lineKey]bool, pos token.Pos) bool {
	if len(lines) == 0 {
		return false
	}
	p := pass.Fset.Position(pos)
	return lines[lineKey{p.Filename, p.Line}] || lines[lineKey{p.Filename, p.Line - 1}]
}
