// Package deadline is analysed with -deadline=false: DeadlineExceeded is
// not counted as cancellation.
package deadline

import (
	"context"
	"errors"
	"golang.org/x/sync/errgroup"
)

func work(ctx context.Context) error { return ctx.Err() }

func deadlineOnly(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // negative: with -deadline=false a deadline is not a cancellation
	}
	return err
}

func both(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil // want `returning nil swallows context\.Canceled;`
	}
	return err
}

func canceledOnly(ctx context.Context) error {
	if err := work(ctx); err != context.Canceled {
		return err
	}
	return nil // want `returning nil swallows context\.Canceled`
}

func doneStill(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error {
		<-ctx.Done()
		if err := work(context.Background()); err != nil {
			return err
		}
		return nil // want `returning nil once the context is done`
	})
	_ = g.Wait()
}
