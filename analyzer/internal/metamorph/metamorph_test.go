package metamorph

import (
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"sync"
	"testing"
)

// stdImporter imports the standard library from source, once for all tests.
var stdImporter = sync.OnceValue(func() types.Importer {
	return importer.ForCompiler(token.NewFileSet(), "source", nil)
})

// checkSource parses and type-checks src as the one file of package p.
func checkSource(t *testing.T, src string) *Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := NewInfo()
	pkg, err := (&types.Config{Importer: stdImporter()}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return &Package{Fset: fset, Files: []*ast.File{f}, Src: [][]byte{[]byte(src)}, Types: pkg, Info: info}
}

func TestMetamorphTransformations(t *testing.T) {
	tested := make(map[string]bool)
	for _, tc := range transformationCases {
		tested[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			tr, ok := ByName(tc.name)
			if !ok {
				t.Fatalf("no transformation %s", tc.name)
			}
			res, err := Apply(checkSource(t, tc.in), tr, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := string(res.Files[0].Src)
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if _, err := format.Source(res.Files[0].Src); err != nil {
				t.Errorf("gofmt rejects the output: %v", err)
			}
			checkSource(t, got) // the output type-checks
		})
	}
	for _, tr := range All {
		if !tested[tr.Name] {
			t.Errorf("%s has no case in transformationCases", tr.Name)
		}
	}
}

// TestMetamorphOffsets checks the position map through a move: the literal moved
// to a variable keeps its mapping, the replaced argument maps to its
// replacement.
func TestMetamorphOffsets(t *testing.T) {
	const src = `package p

func run(f func() error) error { return f() }

func g() error {
	return run(func() error {
		return nil
	})
}
`
	tr, _ := ByName("literal-to-var")
	res, err := Apply(checkSource(t, src), tr, nil)
	if err != nil {
		t.Fatal(err)
	}
	fr := res.Files[0]
	const want = `package p

func run(f func() error) error { return f() }

func g() error {
	fn1 := func() error {
		return nil
	}
	return run(fn1)
}
`
	if string(fr.Src) != want {
		t.Fatalf("got:\n%s", fr.Src)
	}
	for _, tc := range []struct {
		orig, rewritten string // the text at the original offset and at the one it maps to
		back            bool
	}{
		{"return nil", "return nil", true},
		{"func() error {\n\t\treturn", "func() error {\n\t\treturn", true},
		{"return run(func", "return run(fn1)", true},
		{"}\n\nfunc g", "}\n\nfunc g", true},
	} {
		off := strings.Index(src, tc.orig)
		got := fr.Offset(off)
		if !strings.HasPrefix(string(fr.Src[got:]), tc.rewritten) {
			t.Errorf("Offset(%q) = %d, at %q", tc.orig, got, fr.Src[got:min(got+20, len(fr.Src))])
		}
		if tc.back && fr.OrigOffset(got) != off {
			t.Errorf("OrigOffset(Offset(%q)) = %d, want %d", tc.orig, fr.OrigOffset(got), off)
		}
	}
	// Inside the replaced argument: the replacement.
	inside := strings.Index(src, "func() error {\n\t\treturn") + 2
	if got := fr.Offset(inside); got != fr.Offset(inside-2)+2 {
		t.Errorf("moved text maps by its offset: got %d", got)
	}
	fn1 := strings.Index(string(fr.Src), "fn1)")
	if fr.SiteAt(fn1) != 0 || fr.SiteAt(strings.Index(string(fr.Src), "return nil")) != -1 {
		t.Errorf("SiteAt: %d, %d", fr.SiteAt(fn1), fr.SiteAt(strings.Index(string(fr.Src), "return nil")))
	}
	if Line(fr.Src, fr.Offset(strings.Index(src, "return nil"))) != 7 || LineOffset(fr.Src, 7) != strings.Index(string(fr.Src), "\t\treturn nil") {
		t.Errorf("Line, LineOffset")
	}
}

// TestMetamorphOverlaps checks that a site overlapping another is left out whole,
// and that keep leaves sites out.
func TestMetamorphOverlaps(t *testing.T) {
	const src = "package p\n\nvar x, y = 1, 2\n"
	p := checkSource(t, src)
	pos := func(s string) token.Pos { return p.Files[0].FileStart + token.Pos(strings.Index(src, s)) }
	tr := Transformation{Name: "test", Sites: func(f *File) []Site {
		return []Site{
			{Edits: []Edit{Replace(pos("x"), pos("x")+1, Text("a")), Replace(pos("1"), pos("1")+1, Text("10"))}},
			{Edits: []Edit{Replace(pos("x, y"), pos(" ="), Text("b, c")), Replace(pos("2"), pos("2")+1, Text("20"))}}, // overlaps the first
			{Edits: []Edit{Insert(pos("var"), Text("// v\n"))}},
		}
	}}
	res, err := Apply(p, tr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Files[0].Src); got != "package p\n\n// v\nvar a, y = 10, 2\n" || res.Sites != 2 || !slices.Equal(res.Files[0].Applied, []int{0, 2}) {
		t.Errorf("got %q, %d sites, applied %v", got, res.Sites, res.Files[0].Applied)
	}
	res, _ = Apply(p, tr, func(file, index int, s Site) bool { return index == 1 })
	if got := string(res.Files[0].Src); got != "package p\n\nvar b, c = 1, 20\n" {
		t.Errorf("keep: got %q", got)
	}
}
