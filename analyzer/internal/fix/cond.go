package fix

// This file edits conditions: it takes a negated test out of the condition
// that reports failures (err != nil && !errors.Is(err, context.Canceled)),
// a test out of a disjunction that shares the swallowing branch
// (err == io.EOF || errors.Is(err, context.Canceled)), or adds a
// parent-liveness guard to an owner's test.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer/internal/recognize"
)

// condChain is where a test sits in an if condition: one operand of a
// chain of && (or of ||), or the whole condition.
type condChain struct {
	ifs      *ast.IfStmt
	op       token.Token // token.LAND, token.LOR, or token.ILLEGAL for a lone test
	root     ast.Expr    // the chain, as it appears in the condition
	operands []ast.Expr
	positive bool // whether the test's operand is true on cancellation
	negated  bool // the if's condition is the chain negated: its else runs when the chain holds
}

// holdsBranch returns the branch of the if that runs when the chain holds.
func (c condChain) holdsBranch() ast.Stmt {
	if c.negated {
		return c.ifs.Else
	}
	return c.ifs.Body
}

// chain returns the condition chain around test expression x.
func (e *edit) chain(x ast.Expr) (condChain, bool) {
	cur, ok := e.cursor(x)
	if !ok {
		return condChain{}, false
	}
	c := condChain{op: token.ILLEGAL, positive: e.f.Fi.Tests[x].Positive}
	positive0 := c.positive
	node := cur
	var nots []ast.Expr // the negations climbed, innermost first
	// Up through parentheses and negations to the operand.
	for {
		p := node.Parent()
		if _, ok := p.Node().(*ast.ParenExpr); ok {
			node = p
			continue
		}
		if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.NOT {
			c.positive = !c.positive
			nots = append(nots, u)
			node = p
			continue
		}
		break
	}
	if _, isIf := node.Parent().Node().(*ast.IfStmt); isIf && len(nots) > 0 {
		// A lone test under negations: !errors.Is(err, C), or
		// !(!errors.Is(err, C)) {} else {…} written the other way round.
		// One spelling for both: the operand false on cancellation where a
		// negation allows it, and an odd rest of negations as an if whose
		// branches are swapped.
		k := 0
		if positive0 {
			k = 1
		}
		if rest := len(nots) - k; rest%2 == 1 {
			c.negated, c.positive = true, false
			c.root = x
			if k == 1 {
				c.root = nots[0]
			}
			c.ifs = node.Parent().Node().(*ast.IfStmt)
			flattenInto(&c, c.root)
			return c, true
		}
	}
	// Up through one kind of operator to the chain's root.
	for {
		p := node.Parent()
		b, ok := p.Node().(*ast.BinaryExpr)
		if ok && (b.Op == token.LAND || b.Op == token.LOR) && (c.op == token.ILLEGAL || c.op == b.Op) {
			c.op = b.Op
			node = p
			continue
		}
		if _, ok := p.Node().(*ast.ParenExpr); ok && c.op != token.ILLEGAL {
			if b, ok := p.Parent().Node().(*ast.BinaryExpr); ok && b.Op == c.op {
				node = p
				continue
			}
		}
		c.root = node.Node().(ast.Expr)
		// Up through parentheses and negations to the if: (a && !b), or
		// !(a && !b) with the branches the other way round.
		for {
			if _, ok := p.Node().(*ast.ParenExpr); ok {
				node, p = p, p.Parent()
				continue
			}
			if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.NOT {
				c.negated = !c.negated
				node, p = p, p.Parent()
				continue
			}
			break
		}
		ifs, ok := p.Node().(*ast.IfStmt)
		if !ok || ifs.Cond != node.Node() {
			return condChain{}, false
		}
		c.ifs = ifs
		break
	}
	flattenInto(&c, c.root)
	return c, true
}

// flattenInto sets c's operands: the operands of its chain at root.
func flattenInto(c *condChain, root ast.Expr) {
	var flatten func(x ast.Expr)
	flatten = func(x ast.Expr) {
		if b, ok := x.(*ast.BinaryExpr); ok && b.Op == c.op {
			flatten(b.X)
			flatten(b.Y)
			return
		}
		if p, ok := x.(*ast.ParenExpr); ok {
			if b, ok := p.X.(*ast.BinaryExpr); ok && b.Op == c.op {
				flatten(p.X)
				return
			}
		}
		c.operands = append(c.operands, x)
	}
	flatten(root)
}

// editCondition handles a test whose holding branch is reached because a
// condition failed (err != nil && !errors.Is(err, context.Canceled) {
// return err }) or that shares its branch with other conditions
// (err == io.EOF || errors.Is(err, context.Canceled)): taking the test out
// of the condition sends the cancellation where other failures go.
func (e *edit) editCondition() bool {
	t := e.f.S.Test
	if t == nil {
		return false
	}
	x, ok := t.Node.(ast.Expr)
	if !ok {
		return false
	}
	c, ok := e.chain(x)
	if !ok {
		return false
	}
	site := e.f.S.Site.Pos()
	branch := c.holdsBranch()
	inBody := branch != nil && branch.Pos() <= site && site < branch.End()
	switch {
	case !c.positive && !inBody && c.op != token.LOR && !e.f.S.Apart:
		// if err != nil && !errors.Is(err, context.Canceled) { return err }
	case c.positive && inBody && c.op == token.LOR:
		// if err == io.EOF || errors.Is(err, context.Canceled) { return nil }
	default:
		return false
	}
	// Drop every operand that is this kind of test of the same value:
	// err != context.Canceled && err != context.DeadlineExceeded.
	var kept []string
	for _, op := range c.operands {
		if e.isSameTest(op, t, c.positive) {
			continue
		}
		kept = append(kept, e.text(op))
	}
	if len(kept) == len(c.operands) {
		return false
	}
	if len(kept) == 0 {
		// The tests were the whole condition: a failure is any non-nil error.
		if c.positive || !isPureError(e.fx.info, t.Operand) || e.f.Fi.ChanMode() {
			// A task that reports on a channel sends its nil too: a
			// condition on the error would stop that send.
			return false
		}
		kept = []string{e.text(t.Operand) + " != nil"}
	}
	sep := " && "
	if c.op == token.LOR {
		sep = " || "
	}
	e.replace(c.root, strings.Join(kept, sep))
	return true
}

// isSameTest reports whether operand is a test of t's value with the
// given polarity.
func (e *edit) isSameTest(operand ast.Expr, t *recognize.CancelTest, positive bool) bool {
	x := operand
	pos := true
	for {
		switch y := x.(type) {
		case *ast.ParenExpr:
			x = y.X
			continue
		case *ast.UnaryExpr:
			if y.Op == token.NOT {
				pos = !pos
				x = y.X
				continue
			}
		}
		break
	}
	ref, ok := e.f.Fi.Tests[x]
	if !ok {
		return false
	}
	if !ref.Positive {
		pos = !pos
	}
	// Any cancellation test of that polarity goes: the branch it shares
	// with t swallows alike (errors.Is(err, context.Canceled) || ctx.Err() != nil).
	return pos == positive && (ref.Test == t || recognize.SameSubject(ref.Test, t) || !ref.Test.Guard)
}

// isPureError reports whether x is an error that can be read again
// without effect: a name, a field, or ctx.Err().
func isPureError(info *types.Info, x ast.Expr) bool {
	return x != nil && recognize.IsErrorLike(info.TypeOf(x)) && (recognize.IsPure(x) || recognize.ContextErrCall(info, x) != nil)
}

func (e *edit) deleteRange(pos, end token.Pos) {
	d := analysis.TextEdit{Pos: pos, End: end}
	e.edits = append(e.edits, d)
	e.removed = append(e.removed, d)
}

// guard adds a parent-liveness check to an owner's suppression:
// errors.Is(err, context.Canceled) becomes
// errors.Is(err, context.Canceled) && ctx.Err() == nil, and its negation
// !errors.Is(…) becomes (!errors.Is(…) || ctx.Err() != nil).
func (e *edit) guard() bool {
	t := e.f.S.Test
	expr, ok := t.Node.(ast.Expr)
	if !ok {
		return false
	}
	ctx := e.contextAt(expr.Pos())
	if ctx == "" {
		return false
	}
	cur, ok := e.cursor(expr)
	if !ok {
		return false
	}
	positive := e.f.Fi.Tests[expr].Positive
	target := ast.Node(expr)
	for c := cur.Parent(); ; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.ParenExpr:
			target = n
			continue
		case *ast.UnaryExpr:
			if n.Op == token.NOT {
				positive = !positive
				target = n
				continue
			}
		}
		parent := c.Node()
		text := e.text(target)
		var guarded string
		if positive {
			guarded = text + " && " + ctx + ".Err() == nil"
		} else {
			guarded = "(" + text + " || " + ctx + ".Err() != nil)"
		}
		if b, isBin := parent.(*ast.BinaryExpr); isBin && (b.Op == token.LAND || b.Op == token.LOR) && positive {
			guarded = "(" + guarded + ")"
		}
		e.replace(target, guarded)
		return true
	}
}

// guardBranch makes the branch where a done observation of a derived
// context holds report the parent's cancellation first: the derived
// context also ends when the parent does, which is not the owner's to
// suppress.
//
//	case <-tctx.Done():
//		if err := ctx.Err(); err != nil {
//			return "", err
//		}
//		return "", nil
func (e *edit) guardBranch() bool {
	br, ok := e.branch()
	if !ok {
		return false
	}
	pos := br.insertAt
	ctx := e.contextAt(pos)
	if ctx == "" || e.f.S.Test.Ctx != nil && types.ExprString(e.f.S.Test.Ctx) == ctx {
		return false // no parent in scope, or the test watches the parent itself
	}
	v := "err"
	if e.shadowed(v, pos) {
		return false
	}
	ret, ok := e.returnWith(pos, v)
	if !ok {
		return false
	}
	ind := br.indent
	e.insert(pos, "\n"+ind+"if "+v+" := "+ctx+".Err(); "+v+" != nil {\n"+ind+"\t"+ret+"\n"+ind+"}")
	return true
}
