// Package callback holds function literals passed as callbacks: retry
// helpers and walkers that run them with a context they did not create.
package callback

import (
	"context"
	"errors"

	"github.com/cenkalti/backoff"
)

func call(ctx context.Context) error { return ctx.Err() }

func retry(ctx context.Context, b backoff.BackOff) error {
	return backoff.Retry(func() error {
		err := call(ctx)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	}, b)
}

func walk(ctx context.Context, items []string, visit func(string, func() error) error) error {
	for _, it := range items {
		err := visit(it, func() error {
			select {
			case <-ctx.Done():
				return nil // negative: a done observation in a callback that is not launched; completion returns an unknown error (strict)
			default:
				return call(ctx)
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func noContext(b backoff.BackOff, f func() error) error {
	return backoff.Retry(func() error {
		err := f()
		if errors.Is(err, context.Canceled) {
			return nil // negative: the callback uses no context it did not create: not a task body
		}
		return err
	}, b)
}

func ownContext(b backoff.BackOff) error {
	return backoff.Retry(func() error {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		err := call(ctx)
		if errors.Is(err, context.Canceled) {
			return nil // negative: the callback created its context: not a task body
		}
		return err
	}, b)
}

func storedNotPassed(ctx context.Context) func() error {
	f := func() error {
		err := call(ctx)
		if errors.Is(err, context.Canceled) {
			return nil // negative: stored, not passed as a callback: nobody known awaits it
		}
		return err
	}
	return f
}
