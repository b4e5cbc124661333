// Package subject is what scripts/golangci-e2e.sh lints with golangci-lint
// and the swallowcancel plugin.
package subject

import (
	"context"
	"errors"
)

func work(ctx context.Context) error { return ctx.Err() }

// Poll swallows the cancellation: reported by default.
func Poll(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// Serve is a service loop: reported only with strict: true.
func Serve(ctx context.Context, events <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-events:
			if ev < 0 {
				return errors.New("bad event")
			}
		}
	}
}

// Quiet swallows too, but a nolint directive on the statement silences it
// with its related position.
func Quiet(ctx context.Context) error {
	err := work(ctx)
	//nolint:swallowcancel // the caller checks ctx
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// RunUntil owns its context and awaits its task on a channel: the fix
// moves the suppression here.
func RunUntil(stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	errc := make(chan error, 1)
	go func() {
		err := work(ctx)
		if errors.Is(err, context.Canceled) {
			errc <- nil
			return
		}
		errc <- err
	}()
	return <-errc
}
