// Package launchers holds tasks started by conc, sync.WaitGroup.Go and the
// launchers the test names with -launchers.
package launchers

import (
	"context"
	"errors"
	"sync"

	"github.com/sourcegraph/conc/pool"

	"launchers/runner"
)

func work(ctx context.Context) error { return ctx.Err() }

func concPool(ctx context.Context) error {
	var p pool.ErrorPool
	p.Go(func() error {
		<-ctx.Done()
		return nil // negative: the task reports no failure at all
	})
	p.Go(func() error {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done`
		default:
			return work(ctx)
		}
	})
	return p.Wait()
}

func concContextPool(ctx context.Context) error {
	var p pool.ContextPool
	p.Go(func(ctx context.Context) error {
		err := work(ctx)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	})
	return p.Wait()
}

func concResultPool(ctx context.Context) {
	var p pool.ResultErrorPool[int] // want `tasks started on p are never waited for`
	p.Go(func() (int, error) {
		select {
		case <-ctx.Done():
			return 0, nil // want `returning nil once the context is done`
		default:
			return 1, work(ctx)
		}
	})
}

func waitGroupGo(ctx context.Context) error {
	var wg sync.WaitGroup
	errc := make(chan error, 1)
	wg.Go(func() {
		err := work(ctx)
		if errors.Is(err, context.Canceled) {
			errc <- nil // want `sending nil swallows context\.Canceled`
			return
		}
		errc <- err
	})
	wg.Wait()
	return <-errc
}

func customMethod(ctx context.Context, r *runner.Runner) {
	r.Spawn(func() error {
		if err := work(ctx); err != nil && ctx.Err() == nil {
			return err
		}
		<-ctx.Done()
		return nil // want `returning nil once the context is done`
	})
}

func customFunc(ctx context.Context) {
	runner.Start(func() error {
		if ctx.Err() != nil {
			return nil // want `returning nil once the context is done`
		}
		return work(ctx)
	})
}

func notALauncher(ctx context.Context, do func(func() error)) {
	do(func() error {
		<-ctx.Done()
		return nil // negative: do is no launcher; as a callback this is a service loop (strict)
	})
}

// A project launcher with a Wait method is a group too.
func runnerFanOut(items []string, do func(string) error) error {
	var r runner.Runner
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // want `returning here leaves the tasks started on r running; wait for r first`
		}
		r.Spawn(func() error { return do(it) })
	}
	return r.Wait()
}
