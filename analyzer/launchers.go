package analyzer

// This file holds the -launchers flag: the names it accepts, how a callee
// matches one, and the check that each name exists in the packages that
// declare it, so that a misspelt launcher is an error, not silence.

import (
	"errors"
	"fmt"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// isLauncher reports whether fn starts its function arguments as tasks.
func (c *checker) isLauncher(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	name := recognize.FuncName(fn)
	for _, l := range recognize.DefaultLaunchers {
		if l == name {
			return true
		}
	}
	for _, l := range c.opts.Launchers {
		if l == name {
			return true
		}
	}
	return false
}

// launcherList is the -launchers flag: a comma-separated list of full
// function names, checked for form when set.
type launcherList []string

var launcherName = regexp.MustCompile(`^(\(\*?[^\s()*]+\.[\pL_][\pL\pN_]*\)|[^\s()*]+)\.[\pL_][\pL\pN_]*$`)

func (l *launcherList) String() string { return strings.Join(*l, ",") }

func (l *launcherList) Set(s string) error {
	var names []string
	for _, name := range strings.Split(s, ",") {
		if name = strings.TrimSpace(name); name != "" {
			names = append(names, name)
		}
	}
	if err := (Options{Launchers: names}).Validate(); err != nil {
		return err
	}
	*l = names
	return nil
}

// launcherRef is a well-formed launcher name taken apart.
type launcherRef struct {
	path, typ, name string // typ is empty for a function
	ptr             bool   // the receiver is written (*T)
}

func parseLauncher(s string) launcherRef {
	if !strings.HasPrefix(s, "(") {
		i := strings.LastIndexByte(s, '.')
		return launcherRef{path: s[:i], name: s[i+1:]}
	}
	end := strings.LastIndexByte(s, ')')
	recv, name := s[1:end], s[end+2:]
	ptr := strings.HasPrefix(recv, "*")
	recv = strings.TrimPrefix(recv, "*")
	i := strings.LastIndexByte(recv, '.')
	return launcherRef{path: recv[:i], typ: recv[i+1:], name: name, ptr: ptr}
}

// checkLaunchers reports a -launchers name that the package declaring it
// does not declare, as the package under analysis or one of its imports
// shows it: a launcher that matches nothing would silently find nothing.
func (c *checker) checkLaunchers(pass *analysis.Pass) error {
	if err := c.opts.Validate(); err != nil {
		return err // Options given to New directly, not through the flag
	}
	for _, l := range c.opts.Launchers {
		ref := parseLauncher(l)
		for _, pkg := range append([]*types.Package{pass.Pkg}, pass.Pkg.Imports()...) {
			if pkg.Path() != ref.path || pkg != pass.Pkg && !pkg.Complete() {
				continue
			}
			if err := ref.check(l, pkg); err != nil {
				return fmt.Errorf("%w: %v", ErrLaunchers, err)
			}
		}
	}
	return nil
}

// ErrLaunchers is wrapped by the error of a pass, or of CheckLauncher,
// about a -launchers name that its package contradicts: the same error
// for every package that imports that package.
var ErrLaunchers = errors.New("-launchers")

// LauncherPackage returns the import path of the package that declares
// the launcher named name, or "" if the name is malformed.
func LauncherPackage(name string) string {
	if !launcherName.MatchString(name) {
		return ""
	}
	return parseLauncher(name).path
}

// CheckLauncher reports how pkg, the package that declares the launcher
// named name, contradicts it, in the words of the error each pass would
// return. A driver that sees the whole run can check the names once,
// before any pass, instead of failing the declaring package's pass and,
// with it, every package that imports it.
func CheckLauncher(name string, pkg *types.Package) error {
	if err := (Options{Launchers: []string{name}}).Validate(); err != nil {
		return err
	}
	ref := parseLauncher(name)
	if pkg.Path() != ref.path {
		return fmt.Errorf("%w: %s: not declared in %s", ErrLaunchers, name, pkg.Path())
	}
	if err := ref.check(name, pkg); err != nil {
		return fmt.Errorf("%w: %v", ErrLaunchers, err)
	}
	return nil
}

// check reports how pkg contradicts the launcher named l.
func (ref launcherRef) check(l string, pkg *types.Package) error {
	var fn *types.Func
	if ref.typ == "" {
		fn, _ = pkg.Scope().Lookup(ref.name).(*types.Func)
		if fn == nil {
			return fmt.Errorf("%s: %s declares no function %s", l, ref.path, ref.name)
		}
	} else {
		tn, _ := pkg.Scope().Lookup(ref.typ).(*types.TypeName)
		if tn == nil {
			return fmt.Errorf("%s: %s declares no type %s", l, ref.path, ref.typ)
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), false, pkg, ref.name)
		fn, _ = obj.(*types.Func)
		if fn == nil {
			return fmt.Errorf("%s: %s has no method %s", l, ref.typ, ref.name)
		}
		if got := recognize.FuncName(fn); got != l {
			return fmt.Errorf("%s: the method is %s; name that", l, got)
		}
	}
	if !takesFunc(fn) {
		return fmt.Errorf("%s: it takes no function argument to launch", l)
	}
	return nil
}

// takesFunc reports whether fn has a parameter of function type.
func takesFunc(fn *types.Func) bool {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return false
	}
	for v := range sig.Params().Variables() {
		t := v.Type()
		if sig.Variadic() && v == sig.Params().At(sig.Params().Len()-1) {
			if s, ok := t.(*types.Slice); ok {
				t = s.Elem()
			}
		}
		if _, ok := t.Underlying().(*types.Signature); ok {
			return true
		}
		if _, ok := t.(*types.TypeParam); ok {
			return true // may be instantiated with a function type
		}
	}
	return false
}

// launcherReceiver reports whether some launcher is a method of the named
// type path.name.
func (c *checker) launcherReceiver(path, name string) bool {
	c.receiversOnce.Do(func() {
		c.receivers = make(map[string]bool)
		for _, l := range append(append([]string(nil), recognize.DefaultLaunchers...), c.opts.Launchers...) {
			if launcherName.MatchString(l) {
				if r := parseLauncher(l); r.typ != "" {
					c.receivers[r.path+"."+r.typ] = true
				}
			}
		}
	})
	return c.receivers[path+"."+name]
}
