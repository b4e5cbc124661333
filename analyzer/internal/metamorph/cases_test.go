package metamorph

// transformationCases are a small input for each transformation and its
// exact output.
var transformationCases = []struct {
	name, in, want string
}{
	{"define-to-var", `package p

func f() (int, error) { return 0, nil }

func g() error {
	n, err := f()
	_ = n
	if x := 1; x > 0 {
		return err
	}
	return nil
}
`, `package p

func f() (int, error) { return 0, nil }

func g() error {
	var n, err = f()
	_ = n
	if x := 1; x > 0 {
		return err
	}
	return nil
}
`},
	{"define-to-var-block", `package p

func f() (int, error) { return 0, nil }

func g() error {
	n, err := f()
	_ = n
	return err
}
`, `package p

func f() (int, error) { return 0, nil }

func g() error {
	var (n, err = f())
	_ = n
	return err
}
`},
	{"define-to-typed-var", `package p

import "context"

func f(ctx context.Context) (int, error) { return 0, ctx.Err() }

func g(ctx context.Context) error {
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	n, err := f(c)
	m, err := f(c)
	_, _ = n, m
	return err
}
`, `package p

import "context"

func f(ctx context.Context) (int, error) { return 0, ctx.Err() }

func g(ctx context.Context) error {
	var c context.Context
	var cancel context.CancelFunc
	c, cancel = context.WithCancel(ctx)
	defer cancel()
	var n int
	var err error
	n, err = f(c)
	var m int
	m, err = f(c)
	_, _ = n, m
	return err
}
`},
	{"var-to-define", `package p

func f() (int, error) { return 0, nil }

func g() error {
	var n, err = f()
	var m int = 2
	var _ = m
	_ = n
	return err
}
`, `package p

func f() (int, error) { return 0, nil }

func g() error {
	n, err := f()
	var m int = 2
	var _ = m
	_ = n
	return err
}
`},
	{"if-init-block", `package p

func f() error { return nil }

func g() error {
	if err := f(); err != nil {
		return err
	} else if err := f(); err != nil {
		return err
	}
	return nil
}
`, `package p

func f() error { return nil }

func g() error {
	{ err := f(); if err != nil {
		return err
	} else if err := f(); err != nil {
		return err
	} }
	return nil
}
`},
	{"if-init-flat", `package p

func f() error { return nil }

func g() error {
	if err := f(); err != nil {
		return err
	}
	if n := 1; n > 0 {
		return nil
	}
	n := 2
	_ = n
	return nil
}
`, `package p

func f() error { return nil }

func g() error {
	err := f()
	if err != nil {
		return err
	}
	if n := 1; n > 0 {
		return nil
	}
	n := 2
	_ = n
	return nil
}
`},
	{"if-init-fold", `package p

func f() error { return nil }

func g() error {
	err := f()
	if err != nil {
		return err
	}
	n := 1 // a comment keeps the two apart
	if n > 0 {
		return nil
	}
	m := 2
	if m > 0 {
		return nil
	}
	return f()
}
`, `package p

func f() error { return nil }

func g() error {
	if err := f(); err != nil {
		return err
	}
	n := 1 // a comment keeps the two apart
	if n > 0 {
		return nil
	}
	if m := 2; m > 0 {
		return nil
	}
	return f()
}
`},
	{"negate-swap", `package p

func g(a, b bool) int {
	if a {
		if b {
			return 1
		} else {
			return 2
		}
	} else {
		return 3
	}
}
`, `package p

func g(a, b bool) int {
	if !(a) {
		return 3
	} else {
		if !(b) {
			return 2
		} else {
			return 1
		}
	}
}
`},
	{"negate-no-else", `package p

func g(a bool) int {
	if a {
		return 1
	}
	return 0
}
`, `package p

func g(a bool) int {
	if !(a) {} else {
		return 1
	}
	return 0
}
`},
	{"return-to-else", `package p

func f() error { return nil }

func g(a bool) error {
	if err := f(); err != nil {
		return err
	}
	if a {
		return nil
	}
	x := 1
	_ = x
	return f() // the last statement
}
`, `package p

func f() error { return nil }

func g(a bool) error {
	if err := f(); err != nil {
		return err
	} else {
	if a {
		return nil
	} else {
	x := 1
	_ = x
	return f() // the last statement
	}
	}
}
`},
	{"else-to-return", `package p

func f() error { return nil }

func g(a bool) error {
	x := 0
	if a {
		return nil
	} else {
		y := 1
		x = y
	}
	_ = x
	if a {
		return nil
	} else {
		x := 2 // x is declared in the enclosing block: left alone
		_ = x
	}
	return f()
}
`, `package p

func f() error { return nil }

func g(a bool) error {
	x := 0
	if a {
		return nil
	}
		y := 1
		x = y
	
	_ = x
	if a {
		return nil
	} else {
		x := 2 // x is declared in the enclosing block: left alone
		_ = x
	}
	return f()
}
`},
	{"switch-to-if", `package p

import "errors"

var errA, errB = errors.New("a"), errors.New("b")

func f() error { return nil }

func g(err error) int {
	switch err {
	case errA, errB:
		return 1
	case nil:
		return 0
	default:
		return 2
	}
}

func h() int {
	switch err := f(); {
	case errors.Is(err, errA):
		return 1
	}
	switch f() {
	case nil:
		return 0
	}
	for {
		switch {
		case true:
			break // leaves the switch: left alone
		}
	}
}
`, `package p

import "errors"

var errA, errB = errors.New("a"), errors.New("b")

func f() error { return nil }

func g(err error) int {
	
	if err == errA || err == errB {
		return 1
	} else if err == nil {
		return 0
	} else {
		return 2
	}
}

func h() int {
	
	if err := f(); errors.Is(err, errA) {
		return 1
	}
	
	if tag1 := f(); tag1 == nil {
		return 0
	}
	for {
		switch {
		case true:
			break // leaves the switch: left alone
		}
	}
}
`},
	{"paren-cond", `package p

func g(a bool, n int) int {
	for n > 0 {
		n--
	}
	if a {
		return 1
	}
	switch n {
	case 1, 2:
		return 2
	}
	return 0
}
`, `package p

func g(a bool, n int) int {
	for (n > 0) {
		n--
	}
	if (a) {
		return 1
	}
	switch (n) {
	case (1), (2):
		return 2
	}
	return 0
}
`},
	{"paren-value", `package p

func f() (int, error) { return 0, nil }

func g(c chan int) (int, error) {
	x := 1
	var y = 2
	c <- x + y
	a, b := f()
	_, _ = a, b
	if x > 0 {
		return f()
	}
	return x, nil
}
`, `package p

func f() (int, error) { return (0), (nil) }

func g(c chan int) (int, error) {
	x := (1)
	var y = (2)
	c <- (x + y)
	a, b := f()
	_, _ = (a), (b)
	if x > 0 {
		return f()
	}
	return (x), (nil)
}
`},
	{"paren-args", `package p

func f(xs ...int) int { return len(xs) }

func two() (int, int) { return 1, 2 }

func g() int {
	s := make([]int, 2)
	return f(f(s...), f(two()), 3)
}
`, `package p

func f(xs ...int) int { return len((xs)) }

func two() (int, int) { return 1, 2 }

func g() int {
	s := make([]int, (2))
	return f((f((s)...)), (f(two())), (3))
}
`},
	{"literal-to-var", `package p

func run(f func() error) error { return f() }

func g(ctx int) error {
	if ctx > 0 {
		return run(func() error {
			return run(func() error { return nil })
		})
	}
	go run(func() error { return nil })
	return nil
}
`, `package p

func run(f func() error) error { return f() }

func g(ctx int) error {
	if ctx > 0 {
		fn1 := func() error {
			fn2 := func() error { return nil }
			return run(fn2)
		}
		return run(fn1)
	}
	fn3 := func() error { return nil }
	go run(fn3)
	return nil
}
`},
	{"var-to-literal", `package p

func run(f func() error) error { return f() }

func g(ctx int) error {
	task := func() error {
		return nil
	}
	return run(task)
}

func h() error {
	task := func() error { return nil }
	_ = run(task)
	return run(task) // used twice: left alone
}
`, `package p

func run(f func() error) error { return f() }

func g(ctx int) error {
	return run(func() error {
		return nil
	})
}

func h() error {
	task := func() error { return nil }
	_ = run(task)
	return run(task) // used twice: left alone
}
`},
	{"literal-to-func", `package p

func run(f func() error) error { return f() }

func g(n int) error {
	_ = run(func() error { return run(func() error { return nil }) })
	return run(func() error {
		if n > 0 { // captures n: left alone
			return nil
		}
		return nil
	})
}
`, `package p

func run(f func() error) error { return f() }

func g(n int) error {
	_ = run(fn1)
	return run(func() error {
		if n > 0 { // captures n: left alone
			return nil
		}
		return nil
	})
}

func fn1() error { return run(fn2) }

func fn2() error { return nil }
`},
	{"literal-to-method", `package p

import "context"

func run(f func() error) error { return f() }

func g(ctx context.Context, urls []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for _, url := range urls {
		_ = run(func() error {
			_ = url
			return ctx.Err()
		})
	}
	n := 0
	_ = run(func() error { n++; return nil }) // assigns n: left alone
	var err error
	go func() { err = ctx.Err() }()
	return run(func() error { return err }) // err is assigned by a closure: left alone
}
`, `package p

import "context"

func run(f func() error) error { return f() }

func g(ctx context.Context, urls []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for _, url := range urls {
		_ = run(task1{url: url, ctx: ctx}.run)
	}
	n := 0
	_ = run(func() error { n++; return nil }) // assigns n: left alone
	var err error
	go func() { err = ctx.Err() }()
	return run(func() error { return err }) // err is assigned by a closure: left alone
}

type task1 struct {
	url string
	ctx context.Context
}

func (t1 task1) run() error {
			_ = t1.url
			return t1.ctx.Err()
		}
`},
	{"func-to-literal", `package p

import "fmt"

type worker struct{}

func (w *worker) run() error { return nil }

func run(f func() error) error { return f() }

func work() error { return nil }

func g() error {
	w := &worker{}
	_ = run(w.run)
	_ = fmt.Sprint(fmt.Sprintf)
	return run(work)
}
`, `package p

import "fmt"

type worker struct{}

func (w *worker) run() error { return nil }

func run(f func() error) error { return f() }

func work() error { return nil }

func g() error {
	w := &worker{}
	_ = run(func() (error) { return w.run() })
	_ = fmt.Sprint(func(p1 string, p2 ...any) (string) { return fmt.Sprintf(p1, p2...) })
	return run(func() (error) { return work() })
}
`},
	{"closure-wrap", `package p

func f(n int) (int, error) {
	defer func() {}()
	return n, nil
}

func g() {
	_, _ = f(1)
}

func h() (err error) { return nil }
`, `package p

func f(n int) (int, error) { return func() (int, error) {
	defer func() {}()
	return n, nil
}() }

func g() { func() {
	_, _ = f(1)
}() }

func h() (err error) { return nil }
`},
	{"rename", `package p

import "context"

type T struct{ err error }

func f(ctx context.Context) (err error) {
	t := T{err: ctx.Err()}
	switch err := any(t.err).(type) {
	case error:
		return err
	}
	return err
}

func g(ctx context.Context, c int) error {
	var err error
	return err
}
`, `package p

import "context"

type T struct{ err error }

func f(c context.Context) (e error) {
	t := T{err: c.Err()}
	switch e := any(t.err).(type) {
	case error:
		return e
	}
	return e
}

func g(ctx context.Context, c int) error {
	var e error
	return e
}
`},
	{"group-new", `package p

import "sync"

func wait(wg *sync.WaitGroup) { wg.Wait() }

func g() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	wait(&wg)
	_ = wg
}
`, `package p

import "sync"

func wait(wg *sync.WaitGroup) { wg.Wait() }

func g() {
	wg := new(sync.WaitGroup)
	wg.Add(1)
	go func() { defer wg.Done() }()
	wait(wg)
	_ = (*wg)
}
`},
	{"group-addr", `package p

import "sync"

func g() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	wg.Wait()
}
`, `package p

import "sync"

func g() {
	wg := &sync.WaitGroup{}
	wg.Add(1)
	go func() { defer wg.Done() }()
	wg.Wait()
}
`},
	{"group-field", `package p

import "sync"

func wait(wg *sync.WaitGroup) { wg.Wait() }

func g() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	wait(&wg)
}
`, `package p

import "sync"

func wait(wg *sync.WaitGroup) { wg.Wait() }

func g() {
	var groups1 struct{ wg sync.WaitGroup }
	groups1.wg.Add(1)
	go func() { defer groups1.wg.Done() }()
	wait(&groups1.wg)
}
`},
}
