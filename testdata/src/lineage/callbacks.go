package lineage

import (
	"context"
	"errors"
	"log"

	"github.com/cenkalti/backoff"
	"golang.org/x/sync/errgroup"

	"safe"
)

// A callback held in a variable is a task body like one passed in place.
func heldInVariable(ctx context.Context, b backoff.BackOff) error {
	op := func() error {
		err := process(ctx, 1)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	}
	return backoff.Retry(op, b)
}

// Wrapped by another call first.
func wrapped(ctx context.Context, b backoff.BackOff) error {
	op := func() error {
		if err := process(ctx, 2); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled`
			}
			return err
		}
		return nil
	}
	notify := func(err error, n int) { log.Print(err) }
	return backoff.RetryNotify(safe.WithRecover(op), b, notify)
}

// Wrapped in place.
func wrappedInPlace(ctx context.Context, b backoff.BackOff) error {
	return backoff.Retry(safe.WithRecover(func() error {
		err := process(ctx, 3)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	}), b)
}

// A task held in a variable and handed to a launcher, in a loop.
func launchedFromVariable(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		task := func() error {
			err := process(gctx, it)
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled`
			}
			return err
		}
		g.Go(task)
	}
	return g.Wait()
}

// Assigned twice: nobody knows which function is passed.
func reassigned(ctx context.Context, b backoff.BackOff, quiet bool) error {
	op := func() error { return process(ctx, 4) }
	if quiet {
		op = func() error {
			err := process(ctx, 5)
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled`
			}
			return err
		}
	}
	return backoff.Retry(op, b)
}

// Held in a variable but never passed anywhere.
func neverPassed(ctx context.Context) func() error {
	op := func() error {
		err := process(ctx, 6)
		if errors.Is(err, context.Canceled) {
			return nil // negative: returned, not passed: the caller decides
		}
		return err
	}
	return op
}
