// Package robust holds odd but valid code: shadowed, renamed and dot
// imports, aliases of context.Context, interfaces embedding it, labelled
// loops and goto. The analyzer must see through names and not crash.
package robust

import (
	stdctx "context"
	. "errors"
	errs "errors"
)

type Context = stdctx.Context

type Named interface {
	stdctx.Context
	Name() string
}

func work(ctx stdctx.Context) error { return ctx.Err() }

func renamed(ctx Context) error {
	err := work(ctx)
	if errs.Is(err, stdctx.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func dotImport(ctx Named) error {
	err := work(ctx)
	if Is(err, stdctx.DeadlineExceeded) {
		return nil // want `returning nil swallows context\.DeadlineExceeded`
	}
	return err
}

func embedded(ctx Named) error {
	select {
	case <-ctx.Done():
		if ctx.Err() == stdctx.Canceled {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return ctx.Err()
	default:
		return nil
	}
}

type Canceled struct{}

func shadowed(ctx stdctx.Context) error {
	context := struct{ Canceled error }{New("not the sentinel")}
	errors := struct{ Is func(error, error) bool }{func(a, b error) bool { return a == b }}
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: these are local variables named like the packages
	}
	return err
}

func labelled(ctx stdctx.Context, items []int) error {
loop:
	for range items {
		switch err := work(ctx); {
		case errs.Is(err, stdctx.Canceled):
			break loop
		case err != nil:
			return err
		}
	}
	return nil // want `returning nil swallows context\.Canceled`
}

func withGoto(ctx stdctx.Context) error {
	err := work(ctx)
	if errs.Is(err, stdctx.Canceled) {
		goto done
	}
	return err
done:
	return nil // negative: goto paths are not followed
}

func storedFuncs(ctx stdctx.Context) error {
	tasks := map[string]func() error{
		"a": func() error {
			if errs.Is(work(ctx), stdctx.Canceled) {
				return nil // negative: stored in a map, not launched or passed: nobody known awaits it
			}
			return work(ctx)
		},
	}
	return tasks["a"]()
}

func recursiveClosure(ctx stdctx.Context) error {
	var f func(int) error
	f = func(n int) error {
		if n == 0 {
			return nil
		}
		return f(n - 1)
	}
	return f(3)
}
