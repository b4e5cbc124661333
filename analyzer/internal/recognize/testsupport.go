package recognize

// This file tells test code from the code under test. Tests own the
// contexts they make and hand to their helpers, so nothing in them is
// reported, and a helper's suppression is theirs when a test calls it.
// Test support lives outside _test.go files too (testutil packages,
// fixtures, fakes): a file that imports a test framework is test support.

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// testFrameworks are the import paths that make a file test support.
var testFrameworks = []string{
	"testing",
	"github.com/stretchr/testify/assert",
	"github.com/stretchr/testify/require",
	"github.com/stretchr/testify/suite",
	"github.com/onsi/ginkgo",
	"github.com/onsi/ginkgo/v2",
	"github.com/onsi/gomega",
	"gotest.tools/v3/assert",
}

// TestFiles knows which files of a package are tests or test support.
type TestFiles map[*token.File]bool

func NewTestFiles(fset *token.FileSet, files []*ast.File) TestFiles {
	tf := make(TestFiles)
	for _, f := range files {
		tok := fset.File(f.FileStart)
		if tok != nil && isTestFile(tok.Name(), f) {
			tf[tok] = true
		}
	}
	return tf
}

// At reports whether pos lies in a test file or test support.
func (tf TestFiles) At(fset *token.FileSet, pos token.Pos) bool {
	return tf[fset.File(pos)]
}

// isTestFile reports whether a file is a test or imports a test framework.
func isTestFile(name string, f *ast.File) bool {
	if strings.HasSuffix(name, "_test.go") {
		return true
	}
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		for _, fw := range testFrameworks {
			if path == fw {
				return true
			}
		}
	}
	return false
}
