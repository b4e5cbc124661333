// Package boundary holds //swallowcancel:boundary directives: deliberate
// suppressions that say why.
package boundary

import (
	"context"
	"errors"
	"sync"
)

func work(ctx context.Context) error { return ctx.Err() }

// run ends quietly on shutdown.
//
//swallowcancel:boundary the stream ends quietly on shutdown; callers check Closed()
func run(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: the function's directive covers it
	}
	return err
}

func statement(ctx context.Context) error {
	err := work(ctx)
	//swallowcancel:boundary the caller re-checks ctx after every batch
	if errors.Is(err, context.Canceled) {
		return nil // negative: the directive above the if covers it
	}
	return err
}

func notCovered(ctx context.Context) error {
	err := work(ctx)
	//swallowcancel:boundary only the first statement below is covered
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // negative: covered
	}
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

// want +2 `boundary directive needs a reason`
//
//swallowcancel:boundary
func noReason(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: silenced all the same; the directive itself is reported
	}
	return err
}

// propagates needs no directive.
//
//swallowcancel:boundary stale // want `boundary directive suppresses nothing`
func propagates(ctx context.Context) error {
	return work(ctx)
}

//swallowcancel:boundary strict-only finding: a service loop by design
func serviceLoop(ctx context.Context, events <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return nil // negative: strict-only, and the directive counts as used in every mode
		case ev := <-events:
			if ev < 0 {
				return errors.New("bad event")
			}
		}
	}
}

func onNothing() {
	//swallowcancel:boundary dangling at the end of a block // want `boundary directive is not above a function or a statement`
}

// startAll leaves its fetches running on a bad item by design: the caller
// cancels the context right after an error and waits elsewhere.
//
//swallowcancel:boundary the caller cancels ctx on error and drains the pool itself
func startAll(ctx context.Context, items []string, fetch func(context.Context, string) error) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // negative: covered by the directive
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	wg.Wait()
	return nil
}
