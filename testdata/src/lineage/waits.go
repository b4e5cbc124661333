// Package lineage judges each cancellation test by the context it
// observes: a wait is judged on its own, an earlier exit on Done() never
// guards a later wait, and a function that derives contexts of its own is
// still answerable for the one it received.
package lineage

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"
)

func process(ctx context.Context, v int) error { return ctx.Err() }

// Two waits in a row: the first propagates, the second swallows.
func sequentialSelects(ctx context.Context, in <-chan int, out chan<- int) error {
	var v int
	select {
	case <-ctx.Done():
		return ctx.Err()
	case v = <-in:
	}
	if err := process(ctx, v); err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		return nil // want `returning nil once the context is done hides the cancellation`
	case out <- v:
	}
	return nil
}

// An early ctx.Err() check proves nothing about a later wait.
func checkThenWait(ctx context.Context, in <-chan int) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	select {
	case <-ctx.Done():
		return nil // want `returning nil once the context is done hides the cancellation`
	case v := <-in:
		if err := process(ctx, v); err != nil {
			return err
		}
		return nil
	}
}

// A goroutine with two waits: the second send of nil hides the cancellation.
func sequentialSends(ctx context.Context, in <-chan int, out chan<- int) error {
	errc := make(chan error, 1)
	go func() {
		var v int
		select {
		case <-ctx.Done():
			errc <- ctx.Err()
			return
		case v = <-in:
		}
		select {
		case <-ctx.Done():
			errc <- nil // want `sending nil once the context is done hides the cancellation`
		case out <- v:
			errc <- process(ctx, v)
		}
	}()
	return <-errc
}

// In a loop, a non-blocking check and then a blocking wait.
func pollThenBlock(ctx context.Context, in <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case v, ok := <-in:
			if !ok {
				return nil
			}
			if err := process(ctx, v); err != nil {
				return err
			}
		}
	}
}

type request struct {
	v     int
	reply chan error
}

// After a hand-off, the wait for the reply is a wait of its own.
func handOff(ctx context.Context, tasks chan<- request, v int) error {
	r := request{v: v, reply: make(chan error, 1)}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case tasks <- r:
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case err := <-r.reply:
			if err != nil {
				return err
			}
			return nil
		}
	}
}

// The same in a launched task, in a loop.
func handOffLaunched(ctx context.Context, tasks chan<- request, vs []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, v := range vs {
		g.Go(func() error {
			r := request{v: v, reply: make(chan error, 1)}
			select {
			case <-gctx.Done():
				return gctx.Err()
			case tasks <- r:
			}
			select {
			case <-ctx.Done():
				return nil // want `returning nil once the context is done hides the cancellation`
			case err := <-r.reply:
				return err
			}
		})
	}
	return g.Wait()
}

// Both waits after the hand-off swallow: each is reported on its own.
func handOffBoth(ctx context.Context, tasks chan<- request, v int) error {
	r := request{v: v, reply: make(chan error, 1)}
	select {
	case <-ctx.Done():
		return nil // want `returning nil once the context is done hides the cancellation`
	case tasks <- r:
	}
	select {
	case <-ctx.Done():
		return nil // want `returning nil once the context is done hides the cancellation`
	case err := <-r.reply:
		if err != nil {
			return err
		}
		return nil
	}
}

// A liveness check after the work ended still guards what follows it.
func guardAfterWork(ctx context.Context, v int) error {
	err := process(ctx, v)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, context.Canceled) {
		return nil // negative: ctx is live, so the callee cancelled its own work
	}
	return err
}

// A check made before the work does not guard what the work returns.
func guardBeforeWork(ctx context.Context, v int) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	err := process(ctx, v)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

// A continue back to a loop whose condition checks the context is guarded.
func loopGuard(ctx context.Context, items []int) error {
	for i := 0; ctx.Err() == nil && i < len(items); i++ {
		if err := process(ctx, items[i]); err != nil {
			if errors.Is(err, context.Canceled) {
				continue // negative: the loop head reports the parent's cancellation
			}
			return err
		}
	}
	return ctx.Err()
}

// A retry loop: the next try's result replaces the tested error, and the
// nil it returns answers that try.
func retryUntilFound(ctx context.Context, await func(context.Context) ([]string, error)) error {
	for {
		found, err := await(ctx)
		if len(found) > 0 {
			return nil // negative: a later try found something
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err != nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
			return err
		}
	}
}
