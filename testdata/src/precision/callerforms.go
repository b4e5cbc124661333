package precision

// The caller rules read the callee's error by its variable, whatever form
// the caller's code takes: tested on the line after, declared with var,
// declared first and assigned later, or tested by errors.Is.

import (
	"context"
	"errors"
	"log"
)

// watch stops with nil when ctx ends; its callers re-check ctx after
// testing the error on a line of its own.
func watch(ctx context.Context, in <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return nil // negative: every caller re-checks ctx after testing the error
		case v, ok := <-in:
			if !ok {
				return nil
			}
			if v < 0 {
				return errors.New("negative")
			}
		}
	}
}

func watchSplit(ctx context.Context, in <-chan int) error {
	err := watch(ctx, in)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return store(ctx)
}

func watchVar(ctx context.Context, in <-chan int) error {
	var err = watch(ctx, in)
	if errors.Is(err, errNegative) {
		log.Print("negative")
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

func watchAssigned(ctx context.Context, in <-chan int) error {
	var err error
	err = watch(ctx, in)
	if err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	return store(ctx)
}

var errNegative = errors.New("negative")

// tail has a caller that acts on the nil before it checks ctx: the body
// of an if that a nil error enters runs first.
func tail(ctx context.Context, in <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case v, ok := <-in:
			if !ok {
				return nil // finished: the channel is drained
			}
			if v < 0 {
				return errNegative
			}
		}
	}
}

func tailCommit(ctx context.Context, in <-chan int) error {
	err := tail(ctx, in)
	if err == nil {
		_ = store(ctx) // the nil is taken for finished work
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// flush's error is discarded, and only logged, in var declarations.
func flush(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		// Every nil taken as acted on; no caller looks at the error but to log it: -strict's, no fix.
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func flushDiscard(ctx context.Context) {
	var _ = flush(ctx)
}

func flushLog(ctx context.Context) {
	var err = flush(ctx)
	if err != nil {
		log.Printf("flush: %v", err)
	}
}

// scan's callers test its error in a switch, and pass it on through a
// named result to a caller that re-checks ctx.
func scan(ctx context.Context, in <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return nil // negative: every caller re-checks ctx, through a switch or a pass-through
		case v, ok := <-in:
			if !ok {
				return nil
			}
			if v < 0 {
				return errNegative
			}
		}
	}
}

func scanSwitch(ctx context.Context, in <-chan int) error {
	err := scan(ctx, in)
	switch {
	case err != nil:
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return store(ctx)
}

func scanTagged(ctx context.Context, in <-chan int) error {
	err := scan(ctx, in)
	switch err {
	case nil:
	default:
		return err
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	return store(ctx)
}

func scanNamed(ctx context.Context, in <-chan int) (err error) {
	err = scan(ctx, in)
	return
}

func scanNamedCaller(ctx context.Context, in <-chan int) error {
	if err := scanNamed(ctx, in); err != nil {
		return err
	}
	return ctx.Err()
}
