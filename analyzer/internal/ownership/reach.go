package ownership

// This file decides which functions only their own package can call, so
// that reading every call in the package reads every caller. An unexported
// function qualifies; so does an exported method of an unexported type
// that nothing exported hands out (p.Run of a *processor that only the
// package constructs and keeps), unless an interface can reach it: a value
// of the type converted to an interface with a method of that name may be
// called by code that never names the method.

import (
	"go/types"
)

// reach answers, for one package, whether a function's callers are all
// in it. Its answers are computed on first use.
type reach struct {
	pkg     *types.Package
	info    *types.Info
	exposed map[*types.TypeName]bool // unexported types that exported API hands out
	ifaces  []*types.Interface       // the interface types the package mentions
	ready   bool
}

// onlyLocal reports whether every call of fn is in the package.
func (r *reach) onlyLocal(fn *types.Func) bool {
	if !fn.Exported() {
		return true
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	named := namedOf(recv.Type())
	if named == nil || named.Obj().Exported() || named.Obj().Pkg() != r.pkg {
		return false
	}
	r.index()
	if r.exposed[named.Obj()] {
		return false
	}
	for _, it := range r.ifaces {
		if it.NumMethods() == 0 {
			continue // what any holds is called only after an assertion to a named interface
		}
		if m, _, _ := types.LookupFieldOrMethod(it, false, nil, fn.Name()); m == nil {
			continue
		}
		if named.TypeParams().Len() > 0 {
			return false // which instance converts is not worth working out: assume one does
		}
		if types.Implements(named, it) || types.Implements(types.NewPointer(named), it) {
			return false
		}
	}
	return true
}

// namedOf returns the named type of t or of what t points to.
func namedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// index records the package's unexported types that its exported API
// mentions, and every interface type that its code mentions, once.
func (r *reach) index() {
	if r.ready {
		return
	}
	r.ready = true
	r.exposed = make(map[*types.TypeName]bool)
	seen := make(map[types.Type]bool)
	scope := r.pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		r.mark(obj.Type(), seen)
		if tn, ok := obj.(*types.TypeName); ok {
			if named, ok := types.Unalias(tn.Type()).(*types.Named); ok {
				for m := range named.Methods() {
					if m.Exported() {
						r.mark(m.Type(), seen)
					}
				}
			}
		}
	}
	iseen := make(map[*types.Interface]bool)
	add := func(t types.Type) {
		if it, ok := t.Underlying().(*types.Interface); ok && !iseen[it] {
			iseen[it] = true
			r.ifaces = append(r.ifaces, it)
		}
	}
	for _, tv := range r.info.Types {
		if tv.Type == nil {
			continue
		}
		add(tv.Type)
		if sig, ok := tv.Type.Underlying().(*types.Signature); ok {
			for p := range sig.Params().Variables() {
				add(p.Type()) // a parameter of interface type converts its argument
			}
		}
	}
}

// mark records the package's unexported named types reachable in t as
// exported API: through pointers, containers, signatures, exported
// fields and every embedded field (its methods are promoted).
func (r *reach) mark(t types.Type, seen map[types.Type]bool) {
	if t == nil || seen[t] {
		return
	}
	seen[t] = true
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		if t.Obj().Pkg() == r.pkg && !t.Obj().Exported() {
			r.exposed[t.Obj()] = true
			for m := range t.Methods() {
				if m.Exported() {
					r.mark(m.Type(), seen)
				}
			}
		}
		for a := range t.TypeArgs().Types() {
			r.mark(a, seen)
		}
		if t.Obj().Pkg() == r.pkg {
			r.mark(t.Underlying(), seen)
		}
	case *types.Pointer:
		r.mark(t.Elem(), seen)
	case *types.Slice:
		r.mark(t.Elem(), seen)
	case *types.Array:
		r.mark(t.Elem(), seen)
	case *types.Map:
		r.mark(t.Key(), seen)
		r.mark(t.Elem(), seen)
	case *types.Chan:
		r.mark(t.Elem(), seen)
	case *types.Signature:
		for v := range t.Params().Variables() {
			r.mark(v.Type(), seen)
		}
		for v := range t.Results().Variables() {
			r.mark(v.Type(), seen)
		}
	case *types.Struct:
		for f := range t.Fields() {
			if f.Exported() || f.Embedded() {
				r.mark(f.Type(), seen)
			}
		}
	case *types.Interface:
		for m := range t.Methods() {
			if m.Exported() {
				r.mark(m.Type(), seen)
			}
		}
	}
}
