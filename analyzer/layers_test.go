package analyzer_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// layers lists, for each internal package, the internal packages it may
// import: the flow of one package's analysis, each layer reading only the
// ones before it.
var layers = map[string][]string{
	"recognize":     nil,
	"flow":          {"recognize"},
	"ownership":     {"recognize", "flow"},
	"swallows":      {"recognize", "flow", "ownership"},
	"cancelhelpers": {"recognize", "flow", "swallows"},
	"await":         {"recognize"},
	"fix":           {"recognize", "flow", "ownership", "swallows", "await"},
	"metamorph":     nil, // test tooling: rewrites sources, knows no layer
}

// TestLayers checks that the internal packages depend one way.
func TestLayers(t *testing.T) {
	const prefix = "github.com/swallowcancel/swallowcancel/analyzer/internal/"
	dirs, err := os.ReadDir("internal")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		allowed, known := layers[d.Name()]
		if !known {
			t.Errorf("internal/%s is not in the list of layers", d.Name())
			continue
		}
		files, _ := filepath.Glob(filepath.Join("internal", d.Name(), "*.go"))
		for _, name := range files {
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				dep, ok := strings.CutPrefix(path, prefix)
				if !ok {
					continue
				}
				ok = false
				for _, a := range allowed {
					ok = ok || a == dep
				}
				if !ok {
					t.Errorf("%s imports internal/%s: %s may use only %v", name, dep, d.Name(), allowed)
				}
			}
		}
	}
}
