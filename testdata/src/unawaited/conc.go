package unawaited

import (
	"context"
	"errors"

	"github.com/sourcegraph/conc"
	"github.com/sourcegraph/conc/pool"
)

// conc's pool with errors.
func concPool(ctx context.Context, items []string) error {
	p := pool.New().WithErrors()
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // want `returning here leaves the tasks started on p running; cancel them and wait for p first`
		}
		p.Go(func() error { return fetch(ctx, it) })
	}
	return p.Wait()
}

// conc's wait group.
func concWaitGroup(ctx context.Context, items []string) error {
	wg := conc.NewWaitGroup()
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	wg.Wait()
	return nil
}

// A result pool whose Wait returns two values.
func resultPool(ctx context.Context, items []string) ([]int, error) {
	p := pool.NewWithResults[int]().WithErrors()
	for _, it := range items {
		if it == "" {
			return nil, errors.New("empty item") // want `returning here leaves the tasks started on p running; cancel them and wait for p first`
		}
		p.Go(func() (int, error) { return len(it), fetch(ctx, it) })
	}
	return p.Wait()
}
