package goroutine

// A named function or method started with go f(ctx, ch) reports through
// the channel it is handed, as a literal started in place does.

import (
	"context"
	"errors"
)

// consume reports on errc: nil when jobs is drained, and nil again when
// ctx ends first.
func consume(ctx context.Context, jobs <-chan int, errc chan<- error) {
	for {
		select {
		case <-ctx.Done():
			errc <- nil // want `sending nil once the context is done hides the cancellation`
			return
		case j, ok := <-jobs:
			if !ok {
				errc <- nil
				return
			}
			if j < 0 {
				errc <- errors.New("negative job")
				return
			}
		}
	}
}

func startNamed(ctx context.Context, jobs <-chan int) error {
	errc := make(chan error, 1)
	go consume(ctx, jobs, errc)
	return <-errc
}

type puller struct{ jobs <-chan int }

// pull is a method value started with go: a sentinel test drops the
// cancellation where other failures are sent.
func (p *puller) pull(ctx context.Context, errc chan error) {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		errc <- nil // want `sending nil swallows context\.Canceled`
		return
	}
	errc <- err
}

func (p *puller) run(ctx context.Context) error {
	errc := make(chan error, 1)
	go p.pull(ctx, errc)
	return <-errc
}

// drainNamed's reader waits on ctx.Done() beside the channel: it handles
// the cancellation itself, and a missing send loses nothing.
func drainNamed(ctx context.Context, errc chan<- error) {
	if err := work(ctx); errors.Is(err, context.Canceled) {
		return // negative: the only reader selects on ctx.Done() too
	} else if err != nil {
		errc <- err
	}
}

func startDrain(ctx context.Context) error {
	errc := make(chan error, 1)
	go drainNamed(ctx, errc)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The launcher made ctx detached and cancels it only as it returns: a
// goroutine's silence once ctx ends reaches no reader (-strict lists it).
func firstResult(items []int) error {
	errc := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go watchItems(ctx, items, errc)
	return <-errc
}

func watchItems(ctx context.Context, items []int, errc chan<- error) {
	for _, it := range items {
		select {
		case <-ctx.Done():
			return // negative: ctx ends only once firstResult has returned
		default:
		}
		if it < 0 {
			errc <- errors.New("negative")
			return
		}
	}
	errc <- nil
}

// The same with a literal.
func firstResultLit(items []int) error {
	errc := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for _, it := range items {
			select {
			case <-ctx.Done():
				return // negative: likewise
			default:
			}
			if it < 0 {
				errc <- errors.New("negative")
				return
			}
		}
		errc <- nil
	}()
	return <-errc
}

// Not detached: the parent's cancellation ends ctx while the launcher
// still reads.
func firstResultUnder(parent context.Context, items []int) error {
	errc := make(chan error, 1)
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		for _, it := range items {
			select {
			case <-ctx.Done():
				return // want `returning without a send once the context is done hides the cancellation`
			default:
			}
			if it < 0 {
				errc <- errors.New("negative")
				return
			}
		}
		errc <- nil
	}()
	return <-errc
}
