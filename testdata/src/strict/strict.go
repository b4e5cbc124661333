// Package strict is analysed with -strict: service loops, done
// observations whose other results speak, and owners without a liveness
// guard on their parent are reported too.
package strict

import (
	"context"
	"errors"
	"golang.org/x/sync/errgroup"
	"time"
)

func work(ctx context.Context) error { return ctx.Err() }

func serviceLoop(ctx context.Context, events <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case ev := <-events:
			if ev < 0 {
				return errors.New("bad event")
			}
		}
	}
}

func blockUntilDone(ctx context.Context, stop func() error) error {
	<-ctx.Done()
	if err := stop(); err != nil {
		return err
	}
	return nil // want `returning nil once the context is done`
}

func neverFails(ctx context.Context, stop func()) error {
	<-ctx.Done()
	stop()
	return nil // want `returning nil once the context is done hides the cancellation`
}

func progress(ctx context.Context, tick <-chan struct{}, show func()) {
	var g errgroup.Group
	g.Go(func() error {
		for {
			select {
			case <-tick:
				show()
			case <-ctx.Done():
				return nil // want `returning nil once the context is done hides the cancellation`
			}
		}
	})
	_ = g.Wait()
}

func errorServiceLoop(ctx context.Context, events <-chan int) error {
	for ev := range events {
		if err := handle(ctx, ev); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled`
			}
			return err
		}
	}
	return errors.New("events closed")
}

func handle(ctx context.Context, ev int) error { return ctx.Err() }

func longPoll(ctx context.Context, updates <-chan string) (string, error) {
	select {
	case <-ctx.Done():
		return "", nil // want `returning nil once the context is done`
	case u := <-updates:
		return u, nil
	}
}

func serve(ctx context.Context, errc <-chan error) error {
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return nil // want `returning nil once the context is done`
	}
}

func unguardedOwner(parent context.Context, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	if err := work(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil // want `context\.Canceled is ignored without checking that the parent context is still live`
}

func guardedOwner(parent context.Context, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	err := work(ctx)
	if errors.Is(err, context.Canceled) && parent.Err() == nil {
		return nil // negative: the parent is live, so this function's own cancel caused it
	}
	return err
}

func ownTimeoutUnguarded(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	err := work(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // want `context\.DeadlineExceeded is ignored without checking`
	}
	return err
}

func noReceivedContext(stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: no parent to report to, even in strict mode
	}
	return err
}

func propagatesStill(ctx context.Context, events <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err() // negative: strict reports only swallows
		case <-events:
		}
	}
}

func exhaustiveSwitch(ctx context.Context, ready <-chan struct{}, try func() bool) (int, error) {
	for {
		if try() {
			return 1, nil // negative: once ctx is done, the switch below returns on every path
		}
		select {
		case <-ctx.Done():
			switch ctx.Err() {
			case context.DeadlineExceeded:
				return 0, errors.New("deadline exceeded")
			case context.Canceled:
				return 0, errors.New("canceled")
			}
		case <-ready:
		}
	}
}

type stream struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func operate(s *stream, timeout time.Duration) error {
	s.ctx, s.cancel = context.WithTimeout(s.ctx, timeout)
	if s.ctx.Err() != nil {
		return nil // negative: a done observation of the context the type keeps with its cancel (owner), and no parent received
	}
	return work(s.ctx)
}

func operateUnder(ctx context.Context, s *stream, timeout time.Duration) error {
	s.ctx, s.cancel = context.WithTimeout(ctx, timeout)
	if s.ctx.Err() != nil {
		return nil // want `the cancellation is ignored without checking that the parent context is still live`
	}
	return work(s.ctx)
}

func detachedOwner(ctx context.Context, stop func(context.Context) error) error {
	sctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := stop(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // negative: the owned context derives from Background: no parent reaches it
	}
	return err
}

func softTimeout(ctx context.Context, wait func(context.Context) (int, error)) (int, error) {
	sctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	n, err := wait(sctx)
	if errors.Is(err, ctx.Err()) {
		return 0, err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return n, nil // negative: errors.Is(err, ctx.Err()) returned the parent's cancellation first
	}
	return n, err
}
