package analyzer

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/await"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/cancelhelpers"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/fix"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/ownership"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/swallows"
)

//go:embed doc.go
var doc string

// Options configure the analyzer; each has a flag of the same name.
type Options struct {
	// Deadline counts context.DeadlineExceeded as cancellation.
	Deadline bool
	// Strict also reports service loops, done observations whose caller
	// can tell them apart, and owners without a parent-liveness guard.
	Strict bool
	// Launchers are extra functions that start their function arguments
	// as tasks, by full name: "example.com/pkg.Spawn" or
	// "(*example.com/pkg.Runner).Go".
	Launchers []string
	// RelatedInMessage folds each diagnostic's related positions into its
	// message ("(cancellation tested at line 31)") instead of reporting
	// them apart, for drivers that show every related position as an issue
	// of its own (golangci-lint). It has no flag.
	RelatedInMessage bool
	// Nolint drops a finding that a //nolint comment naming swallowcancel
	// (or a bare //nolint, or //nolint:all) marks on its reported line, on
	// the line of its cancellation test, or alone on the line above
	// either: golangci-lint itself only looks at the reported line and the
	// statement below a comment. It has no flag.
	Nolint bool

	// everyNilConsumed takes every task-side swallow's nil as acted on, so
	// that tests can check what the default recognises apart from where its
	// nil lands (export_test.go). Users have no way to set it.
	everyNilConsumed bool
}

// Validate reports the first malformed option.
func (o Options) Validate() error {
	for _, name := range o.Launchers {
		if !launcherName.MatchString(name) {
			return fmt.Errorf("invalid launcher %q: want pkg/path.Func or (*pkg/path.Type).Method", name)
		}
	}
	return nil
}

// Analyzer is the analyzer with default options, for go vet and the command.
var Analyzer = New(Options{Deadline: true})

// New returns an analyzer configured by opts; its flags write into a copy
// of opts owned by that analyzer.
func New(opts Options) *analysis.Analyzer {
	c := &checker{opts: opts}
	a := &analysis.Analyzer{
		Name:     "swallowcancel",
		Doc:      mustExtractDoc(doc, "swallowcancel"),
		URL:      readme + "readme",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      c.run,
		FactTypes: []analysis.Fact{
			new(recognize.Predicate),
			new(recognize.Suppressor),
			new(recognize.Quitter),
			new(recognize.HasHelpers),
			new(recognize.FalseSuccess),
			new(recognize.HasFalseSuccess),
			new(recognize.Constructor),
			new(recognize.Wrapper),
		},
	}
	a.Flags.BoolVar(&c.opts.Deadline, "deadline", opts.Deadline, "count context.DeadlineExceeded as cancellation")
	a.Flags.BoolVar(&c.opts.Strict, "strict", opts.Strict, "also report service loops, distinguishable done observations and unguarded owners")
	a.Flags.Var((*launcherList)(&c.opts.Launchers), "launchers", "comma-separated extra launcher functions, by full name: pkg/path.Func or (*pkg/path.Type).Method")
	return a
}

// checker is one configured analyzer.
type checker struct {
	opts Options

	receiversOnce sync.Once
	receivers     map[string]bool // path.Type of every launcher method, made once the flags are set
}

// run dispatches each function of the package to the task checks, and
// each function that creates a task group to the owner's side.
func (c *checker) run(pass *analysis.Pass) (any, error) {
	if err := c.checkLaunchers(pass); err != nil {
		return nil, err
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	tests := recognize.NewTestFiles(pass.Fset, pass.Files)
	values := flow.NewValueIndex(pass.TypesInfo, pass.Files)
	var findings []*fix.Finding
	cons := recognize.FindConstructors(pass)
	callers := ownership.NewCallers(pass.Pkg, pass.Fset, pass.TypesInfo, insp, tests, c.isLauncher)
	// Fast path: a package that imports none of these, nor a package with
	// helpers, cannot spell a cancellation test.
	if imports(pass.Pkg, recognize.ContextPath, recognize.GrpcCodes, "golang.org/x/sync/errgroup") || importsHelpers(pass) {
		findings = c.swallows(pass, insp, tests, values, cons)
	}
	consumed := consumersOfImports(pass, insp, callers, tests)
	waits := await.UnawaitedOf(pass, insp, tests, &await.GroupFinder{
		IsLauncher: c.isLauncher, IsReceiver: c.launcherReceiver, Strict: c.opts.Strict,
		Origin: values.Origin, FieldAssigned: values.FieldAssigned, Constructors: cons,
	})
	fx := fix.NewFixer(pass, insp)
	bounds := boundariesOf(pass)
	findings, leaks := c.decide(pass, fx, callers, bounds, findings, waits)
	reportDirectives(pass, fx, bounds) // stale boundary directives count even without findings
	c.reportAll(pass, findings, leaks, consumed, bounds)
	return nil, nil
}

// swallows finds the swallows of the package's task bodies, before their
// verdict.
func (c *checker) swallows(pass *analysis.Pass, insp *inspector.Inspector, tests recognize.TestFiles, values *flow.ValueIndex, cons *recognize.Constructors) []*fix.Finding {
	info := pass.TypesInfo
	launches := recognize.FindLaunches(info, pass.Files, insp, c.isLauncher)
	isLauncherCall := func(call *ast.CallExpr) bool { return c.isLauncher(recognize.CalleeFunc(info, call)) }
	known := cancelhelpers.Find(pass, values, isLauncherCall, c.opts.Deadline, cons)
	decls := swallows.TestingDecls(info, values, known)
	for fn := range launches.Recvs {
		if d := values.DeclAt(fn.Pos()); d != nil {
			decls[d] = true // <-t.done, given ctx.Done() at the launch
		}
	}
	var findings []*fix.Finding
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if !decls[values.DeclAt(cur.Node().Pos())] {
			continue // nothing in this declaration can test for cancellation
		}
		if tests.At(pass.Fset, cur.Node().Pos()) {
			continue // tests own the contexts they make and hand to their helpers
		}
		fi := swallows.TaskOf(info, cur, launches, known, values)
		if fi == nil {
			continue
		}
		if body := recognize.BodyOf(fi.Body); body != fi.Body {
			// return func() error { … }(): the literal's body is this
			// function's, under its name, signature and launch.
			fi.Node, fi.Body = recognize.LitWithBody(cur.Node(), body), body
		}
		flow.ScanFunc(info, fi, isLauncherCall)
		flow.CollectTests(fi, &recognize.Recognizer{Info: info, Deadline: c.opts.Deadline, Predicates: known.Predicate, Quitters: known.Quitter, Origin: values.Origin, Bound: fi.Bound})
		if len(fi.TestList) == 0 && !swallows.ReturnsSuppressor(info, fi.Body, known) {
			continue
		}
		for _, s := range swallows.Of(info, fi, known, ownership.Of(info, fi)) {
			findings = append(findings, &fix.Finding{Fi: fi, S: s, Cur: cur})
		}
	}
	return findings
}

// importsHelpers reports whether a direct import exports helper facts.
func importsHelpers(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		if pass.ImportPackageFact(imp, new(recognize.HasHelpers)) {
			return true
		}
	}
	return false
}

// imports reports whether pkg directly imports one of paths.
func imports(pkg *types.Package, paths ...string) bool {
	for _, imp := range pkg.Imports() {
		for _, p := range paths {
			if imp.Path() == p {
				return true
			}
		}
	}
	return false
}

// mustExtractDoc returns the text of doc.go's "# Analyzer name" section,
// after its "name:" summary prefix, as go vet's own analyzers do.
func mustExtractDoc(content, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic("doc.go has no package documentation")
	}
	for section := range strings.SplitSeq(f.Doc.Text(), "\n# ") {
		body, ok := strings.CutPrefix(section, "Analyzer "+name+"\n")
		if !ok {
			continue
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(body), name+":"); ok {
			return strings.TrimSpace(rest)
		}
	}
	panic("doc.go has no '# Analyzer " + name + "' section with a summary line")
}
