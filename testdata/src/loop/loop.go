// Package loop holds tasks that keep looping after a cancellation test.
package loop

import (
	"context"
	"errors"
	"log"
)

func process(ctx context.Context, item string) error { return ctx.Err() }

func continueAfterCanceled(ctx context.Context, items []string) error {
	for _, item := range items {
		err := process(ctx, item)
		if errors.Is(err, context.Canceled) {
			continue // want `continuing after context\.Canceled keeps working under a cancelled context; return the error instead`
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func labelledContinue(ctx context.Context, batches [][]string) error {
outer:
	for _, batch := range batches {
		for _, item := range batch {
			if err := process(ctx, item); err != nil {
				if errors.Is(err, context.DeadlineExceeded) {
					continue outer // want `continuing after context\.DeadlineExceeded keeps working`
				}
				return err
			}
		}
	}
	return nil
}

func retryLoop(ctx context.Context, item string) error {
	for {
		err := process(ctx, item)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, context.Canceled):
			continue // want `continuing after context\.Canceled keeps working`
		default:
			return err
		}
	}
}

func fallsThroughToNil(ctx context.Context, items []string) error {
	for _, item := range items {
		err := process(ctx, item)
		if errors.Is(err, context.Canceled) {
			log.Print("canceled")
		} else if err != nil {
			return err
		}
	}
	return nil // want `returning nil swallows context\.Canceled`
}

func testBeforeWork(ctx context.Context, items []string) error {
	for _, item := range items {
		if ctx.Err() != nil {
			break
		}
		if err := process(ctx, item); err != nil {
			return err
		}
	}
	return ctx.Err() // negative: the loop stops before more work and returns the cancellation
}

func retriesEverything(ctx context.Context, item string) error {
	for {
		err := process(ctx, item)
		if errors.Is(err, context.Canceled) || err != nil {
			continue // negative: every failure is retried alike: no difference
		}
		return nil
	}
}

func guardedLoop(ctx context.Context, item string) error {
	for ctx.Err() == nil {
		err := process(ctx, item)
		if errors.Is(err, context.Canceled) {
			continue // negative: the loop condition checks the parent is live
		}
		if err != nil {
			return err
		}
		return nil
	}
	return ctx.Err()
}

func continueReturnsLater(ctx context.Context, items []string) error {
	var firstErr error
	for _, item := range items {
		err := process(ctx, item)
		if errors.Is(err, context.Canceled) {
			firstErr = err
			continue // negative: the error is kept and returned after the loop
		}
		if err != nil {
			return err
		}
	}
	return firstErr
}
