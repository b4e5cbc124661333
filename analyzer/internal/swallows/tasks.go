package swallows

// This file selects the task bodies of a package: the functions whose
// error reaches someone who may have cancelled them, with how each is
// launched, what it reports on, and the declarations worth walking.

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/flow"
	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// TestingDecls returns the top-level declarations that refer to an object
// a cancellation test needs: context.Canceled and DeadlineExceeded, a
// context's Done or Err, context.Cause, a gRPC cancellation code, or a
// helper. One pass over the package's uses spares every other function the
// per-function scans; a literal counts with its declaration, where a value
// it reads (done := ctx.Done()) may be set.
func TestingDecls(info *types.Info, values *flow.ValueIndex, h *recognize.HelperSet) map[ast.Decl]bool {
	decls := make(map[ast.Decl]bool)
	for id, obj := range info.Uses {
		if obj == nil || obj.Pkg() == nil {
			continue
		}
		interesting := false
		switch obj := obj.(type) {
		case *types.Var:
			interesting = obj.Pkg().Path() == recognize.ContextPath && (obj.Name() == "Canceled" || obj.Name() == "DeadlineExceeded")
		case *types.Const:
			interesting = obj.Pkg().Path() == recognize.GrpcCodes && (obj.Name() == "Canceled" || obj.Name() == "DeadlineExceeded")
		case *types.Func:
			switch obj.Pkg().Path() {
			case recognize.ContextPath:
				interesting = obj.Name() == "Done" || obj.Name() == "Err" || obj.Name() == "Cause"
			default:
				fn := obj.Origin()
				interesting = h.Predicate(fn) != nil || h.Suppressor(fn) != nil || h.Quitter(fn) != nil
			}
		}
		if interesting {
			if d := values.DeclAt(id.Pos()); d != nil {
				decls[d] = true
			}
		}
	}
	return decls
}

// TaskOf returns the function at cur if it is a task body worth examining.
func TaskOf(info *types.Info, cur inspector.Cursor, launches *recognize.LaunchSet, known *recognize.HelperSet, values *flow.ValueIndex) *flow.FuncInfo {
	fi := &flow.FuncInfo{Info: info, Node: cur.Node(), Values: values}
	switch n := cur.Node().(type) {
	case *ast.FuncDecl:
		fn, _ := info.Defs[n.Name].(*types.Func)
		if n.Body == nil || fn == nil || known.Suppressors[fn] != nil {
			return nil // no body, or the helper is where suppression is meant to be
		}
		fi.Body, fi.Obj, fi.Launch = n.Body, fn, launches.Funcs[fn]
		fi.Sig, _ = fn.Type().(*types.Signature)
		if recv := launches.Recvs[fn]; recv != nil {
			// g.Go(task{ctx: ctx}.run): the receiver's fields are the
			// launch's values, as a literal's captured variables are.
			fi.Bound = recognize.BindReceiver(info, n, recv, values.Origin, values.FieldAssigned)
		}
		if fi.Sig != nil && fi.Bound != nil && launches.CallbackMethods[fn] && fi.Launch == nil && recognize.ErrorResult(fi.Sig) >= 0 {
			fi.Callback = fi.Bound.ReadsContext(info, n.Body)
		}
		if fi.Sig != nil && fi.Launch == nil && !fi.Callback && !recognize.HasContextParam(fi.Sig) {
			fi.FieldContext = recognize.ReadsReceiverContext(info, n)
		}
	case *ast.FuncLit:
		fi.Body, fi.Launch = n.Body, launches.Lits[n]
		fi.Sig, _ = info.TypeOf(n).(*types.Signature)
		if fi.Sig != nil && launches.Callbacks[n] && recognize.ErrorResult(fi.Sig) >= 0 {
			fi.Callback = recognize.UsesCapturedContext(info, n)
		}
	}
	if fi.Sig == nil {
		return nil // missing type information
	}
	fi.ErrIdx = recognize.ErrorResult(fi.Sig)
	if fi.Launch != nil && fi.ErrIdx < 0 {
		switch n := fi.Node.(type) {
		case *ast.FuncLit:
			fi.ResultChans = recognize.ResultChans(info, n, enclosingFunc(cur))
		case *ast.FuncDecl:
			// go report(ctx, errc), wg.Go(task{errc: errc}.run): the
			// channel is read where it is started.
			gs, isGo := fi.Launch.Stmt().(*ast.GoStmt)
			if !isGo && fi.Bound == nil {
				break
			}
			if start, ok := cur.Inspector().Root().FindNode(fi.Launch.Stmt()); ok {
				var args []ast.Expr
				if isGo {
					args = gs.Call.Args
				}
				fi.ResultChans = recognize.DeclResultChans(info, n, args, fi.Bound, enclosingFunc(start))
			}
		}
	}
	if fi.ResultChans != nil {
		fi.SuccessChans = recognize.SuccessChans(info, fi.Body, fi.ResultChans)
	}
	if _, isGo := fi.Launch.Stmt().(*ast.GoStmt); isGo && fi.ErrIdx >= 0 {
		// go f() discards f's results: a go statement reports nothing
		// to anyone, whatever the function returns.
		fi.Launch = nil
	}
	if !fi.IsTask() {
		return nil
	}
	return fi
}

// enclosingFunc returns the function around cur's node.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for c := range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return recognize.EffectiveFunc(c).Node() // through a body run in place
	}
	return nil
}

// ReturnsSuppressor reports whether body returns a suppressor's result.
func ReturnsSuppressor(info *types.Info, body *ast.BlockStmt, h *recognize.HelperSet) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, e := range n.Results {
				if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && h.Suppressor(recognize.CalleeFunc(info, call)) != nil {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
