package analyzer_test

import (
	"bufio"
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWants fails for an expectation in testdata that no test checks.
// analysistest checks the // want comments (diagnostics and facts) of the
// packages a test names, and only those: a package it loads because a
// named one imports it has its facts computed but never compared, and its
// diagnostics dropped. So every file under testdata holding a want must be
// in a package that analysistestRuns names, and be one of the files
// analysistest reads there (not left out by a build constraint); a
// .golden file likewise. Outside testdata/src (the command's modules in
// e2e, demo, golangci) nothing reads wants at all. And every package a
// test names must exist.
//
// A want is what analysistest takes for one: a line or block comment
// that starts with "want" once "//" or "/* */" are stripped, or that holds
// "// want" (from there on); in a file that is not Go source, a line whose
// "//" comment does.
func TestWants(t *testing.T) {
	root := testdata(t)
	src := filepath.Join(root, "src")
	ctxt := build.Default
	ctxt.GOPATH = root

	// The packages the tests name, and that each exists.
	namedBy := make(map[string][]string)
	for _, test := range sortedKeys(analysistestRuns) {
		for _, p := range analysistestRuns[test] {
			namedBy[p] = append(namedBy[p], test)
		}
	}
	named := make(map[string]*build.Package)
	for _, p := range sortedKeys(namedBy) {
		bp, err := ctxt.ImportDir(filepath.Join(src, filepath.FromSlash(p)), 0)
		if err != nil {
			t.Errorf("%s name %q, which is no package under testdata/src: %v", strings.Join(namedBy[p], ", "), p, err)
			continue
		}
		named[p] = bp
	}

	// Every want and .golden file, by the package that holds it.
	unchecked := make(map[string][]string) // unnamed package: its files with wants
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		var lines []int
		if !strings.HasSuffix(path, ".golden") {
			if lines, err = wantLines(path); err != nil {
				t.Errorf("testdata/%s: %v: its wants cannot be found", rel, err)
				return nil
			}
			if len(lines) == 0 {
				return nil
			}
		}
		what := "a .golden file"
		if lines != nil {
			what = fmt.Sprintf("wants on lines %v", lines)
		}
		pkgRel, ok := strings.CutPrefix(rel, "src/")
		if !ok {
			if lines != nil { // a golden file outside src is some other test's
				t.Errorf("testdata/%s has %s outside testdata/src: no analysistest run loads it, so nothing checks it", rel, what)
			}
			return nil
		}
		pkg := filepath.ToSlash(filepath.Dir(pkgRel))
		bp := named[pkg]
		if bp == nil {
			unchecked[pkg] = append(unchecked[pkg], filepath.Base(path)+": "+what)
			return nil
		}
		if lines != nil && !slices.Contains(analysedFiles(bp), filepath.Base(path)) {
			t.Errorf("testdata/%s has %s, but analysistest does not read the file: %s names %s, whose build leaves it out", rel, what, strings.Join(namedBy[pkg], ", "), pkg)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range sortedKeys(unchecked) {
		t.Errorf("testdata/src/%s: no test names this package, so analysistest checks none of its expectations (not even when a named package imports it): %s; add it to a package list in analyzer_test.go",
			pkg, strings.Join(unchecked[pkg], "; "))
	}

	// The packages no test names and that hold no expectation: say what
	// loads them. Nothing checks their diagnostics or facts.
	loadedBy := make(map[string]string) // package: a package that imports it
	queue := sortedKeys(named)
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		bp, err := ctxt.ImportDir(filepath.Join(src, filepath.FromSlash(p)), 0)
		if err != nil {
			continue // the standard library, or reported above
		}
		for _, imp := range slices.Concat(bp.Imports, bp.TestImports, bp.XTestImports) {
			if _, seen := loadedBy[imp]; !seen && named[imp] == nil {
				loadedBy[imp] = p
				queue = append(queue, imp)
			}
		}
	}
	_ = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || path == src {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		p := filepath.ToSlash(rel)
		if _, err := ctxt.ImportDir(path, 0); err != nil || named[p] != nil || unchecked[p] != nil {
			return nil
		}
		if by, ok := loadedBy[p]; ok {
			t.Logf("testdata/src/%s: no test names it and it holds no want; loaded as a dependency of %s", p, by)
		} else {
			t.Logf("testdata/src/%s: no test names it, it holds no want, and no named package loads it", p)
		}
		return nil
	})
}

// wantLines returns the lines of the file at path that hold a want, as
// analysistest finds them: in the comments of a Go file, on the lines of
// any other.
func wantLines(path string) ([]int, error) {
	if strings.HasSuffix(path, ".go") {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		var lines []int
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if isWant(c.Text) {
					lines = append(lines, fset.Position(c.Pos()).Line)
				}
			}
		}
		return lines, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var lines []int
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "// want"); i >= 0 {
			line = line[i:]
		}
		if i := strings.Index(line, "//"); i >= 0 && isWant(line[i:]) {
			lines = append(lines, n)
		}
	}
	return lines, sc.Err()
}

// isWant reports whether analysistest takes the comment for a want.
func isWant(comment string) bool {
	text := strings.TrimPrefix(comment, "//")
	if text == comment {
		text = strings.TrimPrefix(text, "/*")
		text = strings.TrimSuffix(text, "*/")
	}
	if i := strings.Index(text, "// want"); i >= 0 {
		text = text[i+len("// "):]
	}
	return strings.HasPrefix(strings.TrimSpace(text), "want")
}

// analysedFiles are the files of bp whose wants analysistest reads: the
// Go files of the package and of its tests, and the other files go list
// reports with them.
func analysedFiles(bp *build.Package) []string {
	return slices.Concat(bp.GoFiles, bp.CgoFiles, bp.TestGoFiles, bp.XTestGoFiles,
		bp.CFiles, bp.CXXFiles, bp.MFiles, bp.HFiles, bp.FFiles, bp.SFiles, bp.SwigFiles, bp.SwigCXXFiles, bp.SysoFiles)
}
