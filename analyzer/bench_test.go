package analyzer_test

// BenchmarkScaling times the analyzer's own pass, type checking excluded,
// on generated packages of growing size, and reports the cost per 1,000
// functions: it stays flat when the analysis is linear in the code. Run it
// with go test -run '^$' -bench Scaling ./analyzer.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

// shapes are the function bodies the generated packages repeat: task
// bodies with and without swallows, owners, a fan-out left on an error
// path, and plain functions.
var shapes = []string{
	`func f%d(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}`,
	`func f%d(ctx context.Context, events <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev := <-events:
			if ev < 0 {
				return errors.New("bad event")
			}
		}
	}
}`,
	`func f%d(parent context.Context, n int) (int, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	total := 0
	for i := 0; i < n; i++ {
		if err := work(ctx); err != nil {
			return total, err
		}
		total += i
	}
	return total, nil
}`,
	`func f%d(ctx context.Context, items []int) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it < 0 {
			return errors.New("negative item")
		}
		wg.Go(func() { _ = work(ctx) })
	}
	wg.Wait()
	return nil
}`,
	`func f%d(xs []int) int {
	s := 0
	for _, x := range xs {
		if x > 0 {
			s += x
		}
	}
	return s
}`,
}

// generate returns a package of n functions.
func generate(n int) string {
	var b strings.Builder
	b.WriteString("package gen\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"sync\"\n)\n\nfunc work(ctx context.Context) error { return ctx.Err() }\n\n")
	for i := range n {
		fmt.Fprintf(&b, shapes[i%len(shapes)]+"\n\n", i)
	}
	return b.String()
}

func BenchmarkScaling(b *testing.B) {
	for _, n := range []int{500, 1000, 2000, 4000, 8000} {
		b.Run(fmt.Sprintf("funcs=%d", n), func(b *testing.B) {
			src := generate(n)
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, "gen.go", src, parser.ParseComments)
			if err != nil {
				b.Fatal(err)
			}
			info := newTypesInfo()
			conf := types.Config{Importer: sharedImporter()}
			pkg, err := conf.Check("gen", fset, []*ast.File{file}, info)
			if err != nil {
				b.Fatal(err)
			}
			insp := inspector.New([]*ast.File{file})
			b.ReportAllocs()
			for b.Loop() {
				a := analyzer.New(analyzer.Options{Deadline: true})
				if err := runPass(a, fset, file, insp, pkg, info, []byte(src), func(analysis.Diagnostic) {}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)*1000/1e6, "ms/1000funcs")
		})
	}
}
