package analyzer_test

// TestMetamorph rewrites every testdata package with semantics-preserving
// transformations (internal/metamorph: declarations spelt another way, if
// headers moved, conditions negated with branches swapped, switches as if
// chains, early returns as else branches, literals held in variables,
// named functions and method values, bodies run by closures, locals
// renamed, groups held by pointer or in a struct, parentheses) and
// requires of each rewrite what the original gets:
//
//   - the same findings: the multiset of (category, line mapped through
//     the rewrite, fix offered or not, fix message with renamed names
//     made equal) is the same;
//   - the same facts on the objects the original declares;
//   - fixes that still build and mean the same: the first fix of every
//     diagnostic, applied together, leaves a package that type-checks, and
//     a second run on it reports no category more often than the run on
//     the rewrite did (the original's fixes are held to this too, and a
//     rewrite is not blamed for a failure the original's fixes share).
//
// An analyzer that panics on a rewrite is a mismatch too. Each mismatch
// is an error that names the transformation, the original and rewritten
// file:line with their text, and what differs.
//
// A transformation is applied at every site where it fits in one rewrite
// of a package. A rewrite that does not type-check loses the sites its
// type errors point at (or the sites in the declarations they point at)
// and is checked again; the log's table says how many sites of each
// transformation ran and how many were skipped.
//
// go test runs every transformation on a third of the packages (those
// whose index plus the transformation's is a multiple of 3);
// SWALLOWCANCEL_METAMORPH=full runs them all, and checks that the
// in-process driver finds what analysistest finds on the originals.
// SWALLOWCANCEL_METAMORPH_BLAME=1 rewrites each site alone to name the
// sites that cause each mismatch; SWALLOWCANCEL_METAMORPH_DUMP=dir writes
// every rewrite there.
//
// To add a transformation, write its Sites function in internal/metamorph
// and add a line to metamorph.All (and a case to its unit test); to add a
// testdata package, add it to a package list of analyzer_test.go, which
// metamorphConfigs shares: the test fails for a package with "// want"
// comments that no configuration runs.

import (
	"fmt"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/swallowcancel/swallowcancel/analyzer"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/metamorph"
)

// metamorphConfigs are the analyzer configurations and the testdata
// packages each runs on, the lists the tests of analyzer_test.go name.
var metamorphConfigs = []struct {
	name string
	opts analyzer.Options
	pkgs []string
}{
	{"recognition", analyzer.RecognitionOptions(analyzer.Options{Deadline: true}), recognitionPkgs},
	{"default", analyzer.Options{Deadline: true}, defaultPkgs},
	{"strict", analyzer.Options{Deadline: true, Strict: true}, strictPkgs},
	{"nodeadline", analyzer.RecognitionOptions(analyzer.Options{Deadline: false}), noDeadlinePkgs},
	{"launchers", analyzer.RecognitionOptions(analyzer.Options{Deadline: true, Launchers: []string{
		"(*launchers/runner.Runner).Spawn",
		"launchers/runner.Start",
	}}), launchersPkgs},
	{"related", analyzer.RecognitionOptions(analyzer.Options{Deadline: true, RelatedInMessage: true}), relatedInMessagePkgs},
	{"nolint", analyzer.RecognitionOptions(analyzer.Options{Deadline: true, Nolint: true}), nolintPkgs},
}

// morphCase is one testdata package under one configuration.
type morphCase struct {
	config string
	path   string
	index  int
	runner *metamorph.Runner
	// The original and what the analyzer makes of it.
	orig  *metamorph.Package
	out   *metamorph.Output
	fixes map[string]bool // the problems of the original's fixes
}

// morphStats counts what one transformation did.
type morphStats struct {
	sites, pkgs, skippedSites, skippedPkgs, mismatches, known int
}

func TestMetamorph(t *testing.T) {
	full := os.Getenv("SWALLOWCANCEL_METAMORPH") == "full"
	dump := os.Getenv("SWALLOWCANCEL_METAMORPH_DUMP")
	root := filepath.Join(testdata(t), "src")
	checkMetamorphCoverage(t, root)

	start := time.Now()
	loader := metamorph.NewLoader(root)
	var cases []*morphCase
	for _, cfg := range metamorphConfigs {
		runner := metamorph.NewRunner(analyzer.New(cfg.opts), loader)
		for _, path := range cfg.pkgs {
			c := &morphCase{config: cfg.name, path: path, index: len(cases), runner: runner}
			orig, errs, err := loader.Load(path, true, nil)
			if err != nil || len(errs) > 0 {
				t.Fatalf("%s: %v %v", path, err, errs)
			}
			c.orig = orig
			if c.out, err = runner.Run(orig); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			c.fixes = make(map[string]bool)
			for _, p := range checkFixes(c, orig, c.out.Diagnostics) {
				c.fixes[p.key] = true
				t.Errorf("%s (original, %s): %s", path, c.config, p.text)
			}
			cases = append(cases, c)
		}
		if full {
			compareWithAnalysistest(t, cfg.opts, cfg.pkgs, cases[len(cases)-len(cfg.pkgs):])
		}
	}
	t.Logf("originals loaded and analysed in %v", time.Since(start).Round(time.Millisecond))

	stats := make(map[string]*morphStats)
	for i, tr := range metamorph.All {
		st := &morphStats{}
		stats[tr.Name] = st
		t.Run(tr.Name, func(t *testing.T) {
			for _, c := range cases {
				if !full && (i+c.index)%3 != 0 {
					continue
				}
				morphOne(t, tr, c, st, dump)
			}
		})
	}

	for i := range knownGaps {
		g := &knownGaps[i]
		if ranGaps[gapRun(g.transformation, g.config, g.pkg)] && !seenGaps[g] {
			t.Errorf("known gap no longer occurs, remove it from knownGaps: %+v", *g)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-20s %6s %5s %8s %9s %10s %6s\n", "transformation", "sites", "pkgs", "skipped", "skip-pkgs", "mismatches", "known")
	for _, tr := range metamorph.All {
		st := stats[tr.Name]
		fmt.Fprintf(&b, "%-20s %6d %5d %8d %9d %10d %6d\n", tr.Name, st.sites, st.pkgs, st.skippedSites, st.skippedPkgs, st.mismatches, st.known)
	}
	t.Logf("full=%v, %v in all\n%s", full, time.Since(start).Round(time.Millisecond), b.String())
}

// morphOne rewrites one package with one transformation and compares.
func morphOne(t *testing.T, tr metamorph.Transformation, c *morphCase, st *morphStats, dump string) {
	t.Helper()
	decls := declRanges(c.orig)
	droppedDecl := make(map[[2]int]bool) // file, declaration
	droppedSite := make(map[[2]int]bool) // file, site
	keep := func(file, index int, s metamorph.Site) bool {
		return !droppedSite[[2]int{file, index}] && !droppedDecl[[2]int{file, declOf(decls[file], s.Edits[0].Pos)}]
	}
	all, err := metamorph.Apply(c.orig, tr, nil)
	if err != nil {
		t.Errorf("%s: %v", c.path, err)
		return
	}
	if all.Sites == 0 {
		return
	}
	var res *metamorph.Result
	var rw *metamorph.Package
	for attempt := 0; ; attempt++ {
		res, err = metamorph.Apply(c.orig, tr, keep)
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			return
		}
		if res.Sites == 0 {
			break
		}
		var errs []error
		rw, errs, err = c.runner.Loader.Load(c.path, true, overlay(res))
		if err != nil {
			t.Errorf("%s: %s: the rewrite does not parse: %v", tr.Name, c.path, err)
			return
		}
		if len(errs) == 0 {
			break
		}
		// Drop the sites whose new text the errors point at, or else
		// those of the declarations they point at.
		progress := false
		for _, e := range errs {
			te, ok := e.(types.Error)
			if !ok {
				continue
			}
			pos := te.Fset.Position(te.Pos)
			for fi, fr := range res.Files {
				if fr.Name != pos.Filename {
					continue
				}
				if si := fr.SiteAt(pos.Offset); si >= 0 {
					progress = progress || !droppedSite[[2]int{fi, si}]
					droppedSite[[2]int{fi, si}] = true
					continue
				}
				orig := c.orig.Fset.File(c.orig.Files[fi].Pos())
				if d := declOf(decls[fi], orig.Pos(fr.OrigOffset(pos.Offset))); d >= 0 {
					progress = progress || !droppedDecl[[2]int{fi, d}]
					droppedDecl[[2]int{fi, d}] = true
				}
			}
		}
		if !progress || attempt == 20 {
			if testing.Verbose() {
				t.Logf("%s: %s: skipped, does not type-check: %v", tr.Name, c.path, errs[0])
			}
			res = nil
			break
		}
		if testing.Verbose() {
			t.Logf("%s: %s: sites dropped for %v", tr.Name, c.path, errs[0])
		}
	}
	if res == nil || res.Sites == 0 {
		st.skippedSites += all.Sites
		st.skippedPkgs++
		return
	}
	st.sites += res.Sites
	st.skippedSites += all.Sites - res.Sites
	st.pkgs++
	if dump != "" {
		for _, fr := range res.Files {
			if fr.Sites > 0 {
				name := filepath.Join(dump, tr.Name, c.config, c.path, filepath.Base(fr.Name))
				_ = os.MkdirAll(filepath.Dir(name), 0o755)
				_ = os.WriteFile(name, fr.Src, 0o644)
			}
		}
	}

	ms := compareRewrite(c, res, rw)
	var blame map[string][]string
	if len(ms) > 0 && os.Getenv("SWALLOWCANCEL_METAMORPH_BLAME") != "" {
		blame = blameSites(c, tr, res, keep)
	}
	ranGaps[gapRun(tr.Name, c.config, c.path)] = true
	for _, m := range ms {
		st.mismatches++
		text := m.text
		if b := blame[m.key]; len(b) > 0 {
			text += "\n\tcaused alone by " + strings.Join(b, "\n\tand alone by ")
		}
		if g := findGap(tr.Name, c.config, c.path, m.key); g != nil {
			seenGaps[g] = true
			st.known++
			if testing.Verbose() {
				t.Logf("%s: known gap (%s): %s", tr.Name, g.why, text)
			}
			continue
		}
		t.Errorf("%s: %s\n\t(gap key: {%q, %q, %q, %q, \"…\"})", tr.Name, text, tr.Name, c.config, c.path, m.key)
	}
}

// gap is a difference the analyzer still makes between a package and one
// of its rewrites, with why it is open.
type gap struct{ transformation, config, pkg, key, why string }

// knownGaps lists every open gap. The test fails on a difference not
// listed here and on a listed one that a run no longer shows, so the list
// only shrinks.
var knownGaps = []gap{}

var (
	ranGaps  = make(map[string]bool) // transformation, configuration and package combinations run
	seenGaps = make(map[*gap]bool)
)

func gapRun(tr, config, pkg string) string { return tr + " " + config + " " + pkg }

// findGap returns the known gap a mismatch is, or nil.
func findGap(tr, config, pkg, key string) *gap {
	for i := range knownGaps {
		g := &knownGaps[i]
		if g.transformation == tr && g.config == config && g.pkg == pkg && g.key == key {
			return g
		}
	}
	return nil
}

// mismatch is a difference between a package and its rewrite; key names
// it independently of the lines the rewrite moved.
type mismatch struct{ key, text string }

// compareRewrite runs the analyzer on the rewrite rw and returns how its
// findings, facts and fixes differ from the original's.
func compareRewrite(c *morphCase, res *metamorph.Result, rw *metamorph.Package) []mismatch {
	out, err := c.runner.Run(rw)
	if err != nil {
		return []mismatch{{"fails", fmt.Sprintf("%s (%s): the analyzer fails on the rewrite: %v", c.path, c.config, err)}}
	}
	ms := compareFindings(c, res, rw, out.Diagnostics)
	ms = append(ms, compareFacts(c, out)...)
	for _, p := range checkFixes(c, rw, out.Diagnostics) {
		if !c.fixes[p.key] {
			ms = append(ms, mismatch{"fix " + p.key, fmt.Sprintf("%s (%s): fixes of the rewrite: %s", c.path, c.config, p.text)})
		}
	}
	return ms
}

// blameSites rewrites the package at each applied site alone and returns,
// by mismatch key, the sites that cause it alone, described.
func blameSites(c *morphCase, tr metamorph.Transformation, res *metamorph.Result, keep func(file, index int, s metamorph.Site) bool) map[string][]string {
	blame := make(map[string][]string)
	for fi, fr := range res.Files {
		for _, si := range fr.Applied {
			one, err := metamorph.Apply(c.orig, tr, func(file, index int, s metamorph.Site) bool {
				return file == fi && index == si && keep(file, index, s)
			})
			if err != nil || one.Sites != 1 {
				continue
			}
			rw, errs, err := c.runner.Loader.Load(c.path, true, overlay(one))
			if err != nil || len(errs) > 0 {
				continue
			}
			for _, m := range compareRewrite(c, one, rw) {
				blame[m.key] = append(blame[m.key], describeChange(c.path, one.Files[fi]))
			}
		}
	}
	return blame
}

// describeChange shows what a one-site rewrite changed: the original
// lines and what became of them.
func describeChange(pkg string, fr *metamorph.FileResult) string {
	pre := 0
	for pre < len(fr.Orig) && pre < len(fr.Src) && fr.Orig[pre] == fr.Src[pre] {
		pre++
	}
	suf := 0
	for suf < len(fr.Orig)-pre && suf < len(fr.Src)-pre && fr.Orig[len(fr.Orig)-1-suf] == fr.Src[len(fr.Src)-1-suf] {
		suf++
	}
	span := func(src []byte, lo, hi int) string {
		for lo > 0 && src[lo-1] != '\n' {
			lo--
		}
		for hi < len(src) && src[hi] != '\n' {
			hi++
		}
		var lines []string
		for _, l := range strings.Split(string(src[lo:hi]), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		s := strings.Join(lines, " ⏎ ")
		if len(s) > 140 {
			s = s[:137] + "..."
		}
		return s
	}
	return fmt.Sprintf("%s/%s:%d: %q → %q", pkg, filepath.Base(fr.Name), metamorph.Line(fr.Orig, pre),
		span(fr.Orig, pre, len(fr.Orig)-suf), span(fr.Src, pre, len(fr.Src)-suf))
}

// overlay returns the rewritten files by name.
func overlay(res *metamorph.Result) map[string][]byte {
	m := make(map[string][]byte)
	for _, fr := range res.Files {
		if fr.Sites > 0 {
			m[fr.Name] = fr.Src
		}
	}
	return m
}

// declRanges returns the ranges of each file's top-level declarations.
func declRanges(p *metamorph.Package) [][][2]token.Pos {
	out := make([][][2]token.Pos, len(p.Files))
	for i, f := range p.Files {
		for _, d := range f.Decls {
			out[i] = append(out[i], [2]token.Pos{d.Pos(), d.End()})
		}
	}
	return out
}

// declOf returns the index of the declaration holding pos, or -1.
func declOf(decls [][2]token.Pos, pos token.Pos) int {
	for i, d := range decls {
		if d[0] <= pos && pos < d[1] {
			return i
		}
	}
	return -1
}

// morphFinding is a diagnostic as the comparison sees it.
type morphFinding struct {
	category string
	file     string
	line     int // in the rewrite
	fix      bool
	fixMsg   string
}

// compareFindings requires the rewrite's findings to be the original's at
// the mapped lines.
func compareFindings(c *morphCase, res *metamorph.Result, rw *metamorph.Package, diags []analysis.Diagnostic) []mismatch {
	files := make(map[string]*metamorph.FileResult)
	for _, fr := range res.Files {
		files[fr.Name] = fr
	}
	norm := renameNormalizer(res.Renames)
	type finding struct {
		morphFinding
		origLine int
		msg      string
	}
	find := func(d analysis.Diagnostic, fset *token.FileSet, orig bool) finding {
		pos := fset.Position(d.Pos)
		fr := files[pos.Filename]
		f := finding{morphFinding: morphFinding{category: d.Category, file: pos.Filename}, msg: d.Message}
		if orig {
			f.origLine = pos.Line
			f.line = metamorph.Line(fr.Src, fr.Offset(pos.Offset))
		} else {
			f.line = pos.Line
			f.origLine = metamorph.Line(fr.Orig, fr.OrigOffset(pos.Offset))
		}
		if len(d.SuggestedFixes) > 0 {
			f.fix = true
			f.fixMsg = norm(d.SuggestedFixes[0].Message)
		}
		return f
	}
	count := make(map[morphFinding]int)
	for _, d := range c.out.Diagnostics {
		count[find(d, c.orig.Fset, true).morphFinding]++
	}
	for _, d := range diags {
		count[find(d, rw.Fset, false).morphFinding]--
	}
	var lost, added []finding
	for _, d := range c.out.Diagnostics {
		if f := find(d, c.orig.Fset, true); count[f.morphFinding] > 0 {
			count[f.morphFinding]--
			lost = append(lost, f)
		}
	}
	for _, d := range diags {
		if f := find(d, rw.Fset, false); count[f.morphFinding] < 0 {
			count[f.morphFinding]++
			added = append(added, f)
		}
	}
	var ms []mismatch
	add := func(kind string, f finding, text string) {
		fr := files[f.file]
		rel := c.path + "/" + filepath.Base(f.file)
		ms = append(ms, mismatch{
			key: fmt.Sprintf("%s|%s:%d|%s", kind, rel, f.origLine, f.category),
			text: fmt.Sprintf("%s:%d (rewritten :%d) [%s] %q → %q: %s", rel, f.origLine, f.line, c.config,
				lineText(fr.Orig, f.origLine), lineText(fr.Src, f.line), text),
		})
	}
	for _, l := range lost {
		paired := -1
		for j, a := range added {
			if a.category == l.category && a.file == l.file && a.line == l.line {
				paired = j
				break
			}
		}
		if paired >= 0 {
			a := added[paired]
			added = append(added[:paired], added[paired+1:]...)
			add("fixdiff", l, fmt.Sprintf("the fix differs: %v %q became %v %q (%s)", l.fix, l.fixMsg, a.fix, a.fixMsg, l.msg))
			continue
		}
		add("lost", l, fmt.Sprintf("finding lost: %s: %s", l.category, l.msg))
	}
	for _, a := range added {
		add("added", a, fmt.Sprintf("finding added: %s: %s", a.category, a.msg))
	}
	return ms
}

// compareFacts requires the rewrite to export the original's facts on
// the objects the original declares (a transformation may declare new
// ones, and their facts are not compared).
func compareFacts(c *morphCase, out *metamorph.Output) []mismatch {
	origNames := make(map[string]bool)
	count := make(map[string]int)
	for _, f := range c.out.ObjectFacts {
		origNames[factObject(f.Object)] = true
		count[factObject(f.Object)+": "+fmt.Sprint(f.Fact)]++
	}
	for _, f := range c.out.PackageFacts {
		count["package: "+fmt.Sprint(f.Fact)]++
	}
	scope := c.orig.Types.Scope()
	for _, f := range out.ObjectFacts {
		name := factObject(f.Object)
		if !origNames[name] && scope.Lookup(strings.SplitN(name, ".", 2)[0]) == nil {
			continue // an object the transformation declared
		}
		count[name+": "+fmt.Sprint(f.Fact)]--
	}
	for _, f := range out.PackageFacts {
		count["package: "+fmt.Sprint(f.Fact)]--
	}
	var ms []mismatch
	for _, k := range sortedKeys(count) {
		switch n := count[k]; {
		case n > 0:
			ms = append(ms, mismatch{"fact lost|" + k, fmt.Sprintf("%s (%s): fact lost: %s", c.path, c.config, k)})
		case n < 0:
			ms = append(ms, mismatch{"fact added|" + k, fmt.Sprintf("%s (%s): fact added: %s", c.path, c.config, k)})
		}
	}
	return ms
}

// factObject names the object of a fact: its name, a method's with its
// receiver's type name.
func factObject(obj types.Object) string {
	if fn, ok := obj.(*types.Func); ok {
		if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok {
				return n.Obj().Name() + "." + fn.Name()
			}
		}
	}
	return obj.Name()
}

// lineText returns line n of src, trimmed.
func lineText(src []byte, n int) string {
	off := metamorph.LineOffset(src, n)
	end := off
	for end < len(src) && src[end] != '\n' {
		end++
	}
	s := strings.TrimSpace(string(src[off:end]))
	if len(s) > 90 {
		s = s[:87] + "..."
	}
	return s
}

// renameNormalizer returns a function that spells each renamed name and
// its new spellings the same way.
func renameNormalizer(renames map[string][]string) func(string) string {
	var res []*regexp.Regexp
	var reps []string
	for _, from := range sortedKeys(renames) {
		alts := append([]string{from}, renames[from]...)
		sort.Slice(alts, func(i, j int) bool { return len(alts[i]) > len(alts[j]) })
		for i, a := range alts {
			alts[i] = regexp.QuoteMeta(a)
		}
		res = append(res, regexp.MustCompile(`\b(?:`+strings.Join(alts, "|")+`)\b`))
		reps = append(reps, "‹"+from+"›")
	}
	return func(s string) string {
		for i, re := range res {
			s = re.ReplaceAllString(s, reps[i])
		}
		return s
	}
}

// fixProblem is something wrong with a package's fixes; key identifies
// its kind, for telling a rewrite's problems from the original's.
type fixProblem struct {
	key, text string
}

// checkFixes applies the first fix of every diagnostic of p and requires
// the result to type-check and to report no category more often.
func checkFixes(c *morphCase, p *metamorph.Package, diags []analysis.Diagnostic) []fixProblem {
	var problems []fixProblem
	type fileEdit struct {
		start, end int
		text       string
	}
	edits := make(map[string][]fileEdit)
	for _, d := range diags {
		if len(d.SuggestedFixes) == 0 {
			continue
		}
		for _, e := range d.SuggestedFixes[0].TextEdits {
			pos, end := p.Fset.Position(e.Pos), p.Fset.Position(e.End)
			if !end.IsValid() {
				end = pos
			}
			edits[pos.Filename] = append(edits[pos.Filename], fileEdit{pos.Offset, end.Offset, string(e.NewText)})
		}
	}
	if len(edits) == 0 {
		return nil
	}
	srcs := make(map[string][]byte)
	for i, f := range p.Files {
		srcs[p.Fset.File(f.Pos()).Name()] = p.Src[i]
	}
	fixed := make(map[string][]byte)
	for name, es := range edits {
		sort.SliceStable(es, func(i, j int) bool {
			if es[i].start != es[j].start {
				return es[i].start < es[j].start
			}
			return es[i].end < es[j].end
		})
		src := srcs[name]
		var out []byte
		cur := 0
		for i, e := range es {
			if i > 0 && e == es[i-1] {
				continue // the same edit from two fixes
			}
			if e.start < cur {
				problems = append(problems, fixProblem{"conflict", fmt.Sprintf("fixes conflict at %s:%d", filepath.Base(name), metamorph.Line(src, e.start))})
				continue
			}
			out = append(out, src[cur:e.start]...)
			out = append(out, e.text...)
			cur = e.end
		}
		out = append(out, src[cur:]...)
		fixed[name] = out
	}
	fp, errs, err := c.runner.Loader.Load(c.path, true, fixed)
	if err != nil {
		return append(problems, fixProblem{"parse", fmt.Sprintf("the fixed package does not parse: %v", err)})
	}
	var real []string
	for _, e := range errs {
		if !strings.Contains(e.Error(), "imported and not used") {
			real = append(real, e.Error())
		}
	}
	if len(real) > 0 {
		return append(problems, fixProblem{"typecheck", fmt.Sprintf("the fixed package does not type-check: %s", strings.Join(real, "; "))})
	}
	res, err := c.runner.Run(fp)
	if err != nil {
		return append(problems, fixProblem{"run", fmt.Sprintf("analysing the fixed package: %v", err)})
	}
	after := res.Diagnostics
	before := make(map[string]int)
	for _, d := range diags {
		before[d.Category]++
	}
	now := make(map[string][]string)
	for _, d := range after {
		pos := fp.Fset.Position(d.Pos)
		now[d.Category] = append(now[d.Category], fmt.Sprintf("%s:%d: %s", filepath.Base(pos.Filename), pos.Line, d.Message))
	}
	for _, cat := range sortedKeys(now) {
		if len(now[cat]) > before[cat] {
			problems = append(problems, fixProblem{"grows " + cat, fmt.Sprintf("after the fixes, %d %s findings (%d before): %s", len(now[cat]), cat, before[cat], strings.Join(now[cat], "; "))})
		}
	}
	return problems
}

func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkMetamorphCoverage fails for a testdata package with "// want"
// comments that no configuration runs.
func checkMetamorphCoverage(t *testing.T, root string) {
	covered := make(map[string]bool)
	for _, cfg := range metamorphConfigs {
		for _, p := range cfg.pkgs {
			covered[p] = true
		}
	}
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "// want") {
			rel, _ := filepath.Rel(root, filepath.Dir(path))
			if !covered[filepath.ToSlash(rel)] {
				covered[filepath.ToSlash(rel)] = true
				t.Errorf("testdata/src/%s has // want comments but no metamorphConfigs entry", filepath.ToSlash(rel))
			}
		}
		return nil
	})
}

// quietT records analysistest's complaints without failing.
type quietT struct{ errors []string }

func (q *quietT) Errorf(format string, args ...any) {
	q.errors = append(q.errors, fmt.Sprintf(format, args...))
}

// compareWithAnalysistest checks that the in-process driver finds what
// analysistest finds on the originals.
func compareWithAnalysistest(t *testing.T, opts analyzer.Options, pkgs []string, cases []*morphCase) {
	var q quietT
	results := analysistest.Run(&q, testdata(t), analyzer.New(opts), pkgs...)
	type k struct {
		file string
		line int
		msg  string
	}
	want := make(map[k]bool)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			pos := r.Pass.Fset.Position(d.Pos)
			want[k{pos.Filename, pos.Line, d.Message}] = true
		}
	}
	got := make(map[k]bool)
	for _, c := range cases {
		for _, d := range c.out.Diagnostics {
			pos := c.orig.Fset.Position(d.Pos)
			got[k{pos.Filename, pos.Line, d.Message}] = true
		}
	}
	t.Logf("%v: the driver's %d findings and analysistest's %d", pkgs, len(got), len(want))
	for x := range want {
		if !got[x] {
			t.Errorf("driver misses what analysistest reports: %s:%d: %s", x.file, x.line, x.msg)
		}
	}
	for x := range got {
		if !want[x] {
			t.Errorf("driver reports what analysistest does not: %s:%d: %s", x.file, x.line, x.msg)
		}
	}
}
