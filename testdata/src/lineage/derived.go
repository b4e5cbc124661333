package lineage

import (
	"context"
	"errors"
	"time"
)

func fetch(ctx context.Context) (string, error) { return "", ctx.Err() }

// The function derives a context of its own, but the wait is on the one
// it received.
func waitOnReceived(ctx context.Context, results <-chan string, keep func(string)) error {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	go func() { _, _ = fetch(tctx) }()
	select {
	case <-ctx.Done():
		return nil // want `returning nil once the context is done hides the cancellation`
	case r := <-results:
		if r == "" {
			return errors.New("empty")
		}
		keep(r)
		return nil
	}
}

// The timeout is the function's own; the cancellation is not. A test of
// the work's error against Canceled drops the received context's.
func workUnderReceived(ctx context.Context) (string, error) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	warm, _ := fetch(tctx)
	r, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return warm, nil // want `returning nil swallows context\.Canceled`
	}
	return r, err
}

// The function's own timeout is its own to suppress.
func ownTimeout(ctx context.Context) (string, error) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	r, err := fetch(tctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return "", nil // negative: the function's own timeout fired
	}
	return r, err
}

// A helper that returns a derived context with its cancel.
func withBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, time.Minute)
}

// Derived through a helper, and the wait on the received context in a loop.
func loopOnReceived(ctx context.Context, in <-chan int) error {
	bctx, cancel := withBudget(ctx)
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case v, ok := <-in:
			if !ok {
				return nil
			}
			if err := process(bctx, v); err != nil {
				return err
			}
		}
	}
}

// The timeout is the function's own, but this error came from work under
// the received context: its deadline is the caller's.
func deadlineOfReceived(ctx context.Context) (string, error) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	warm, _ := fetch(tctx)
	r, err := fetch(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return warm, nil // want `returning nil swallows context\.DeadlineExceeded`
	}
	return r, err
}

// The error came from work under the derived context, whose timeout is
// the function's own.
func deadlineOfDerived(ctx context.Context) (string, error) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	r, err := fetch(tctx)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return "", nil // negative: the function's own timeout
		}
		return "", err
	}
	return r, nil
}

type fetches struct{ err error }

func (f fetches) Err() error { return f.err }

func poll(ctx context.Context) fetches { return fetches{ctx.Err()} }

// The poll's timeout is made in a closure called in place: it is the
// function's own, and its expiry means "no more data".
func drainPolls(ctx context.Context, handle func(fetches) error) error {
	for {
		f := func() fetches {
			pctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			return poll(pctx)
		}()
		if err := f.Err(); err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return nil // negative: the function's own poll timeout (owner; strict reports the unguarded parent)
			}
			return err
		}
		if err := handle(f); err != nil {
			return err
		}
	}
}
