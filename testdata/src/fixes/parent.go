package fixes

import (
	"context"
	"errors"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// firstOf cancels the rest once one source answers: the cancellation it
// causes is its own to ignore at g.Wait, but its context derives from
// ctx, whose cancellation is the caller's: the suppression holds only
// while ctx is live.
func firstOf(ctx context.Context, sources []string) error {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var once sync.Once
	var g errgroup.Group
	for _, s := range sources {
		g.Go(func() error {
			err := fetch(cctx, s)
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled; return it and ignore it at g\.Wait, where the context is cancelled`
			}
			if err == nil {
				once.Do(cancel)
			}
			return err
		})
	}
	return g.Wait()
}

// groupOnly's only cancellation is the group's on its first error, which
// Wait reports instead: the task's cancellation can only be the caller's,
// and nothing at g.Wait suppresses it.
func groupOnly(ctx context.Context, sources []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, s := range sources {
		g.Go(func() error {
			err := fetch(gctx, s)
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled; return it and ignore it in the caller that cancels the context`
			}
			return err
		})
	}
	return g.Wait()
}

// shadowed derives from ctx under the same name: the parent cannot be
// named where it waits, so no whole fix exists.
func shadowed(ctx context.Context, sources []string, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var g errgroup.Group
	for _, s := range sources {
		g.Go(func() error {
			err := fetch(ctx, s)
			if errors.Is(err, context.DeadlineExceeded) {
				return nil // want `returning nil swallows context\.DeadlineExceeded; return it and ignore it at g\.Wait, where the context is cancelled \(no automatic fix: the owner derives the context from one it received, and no name for that one is in scope where it waits\)`
			}
			return err
		})
	}
	return g.Wait()
}
