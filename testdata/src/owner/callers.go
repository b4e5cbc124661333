package owner

import (
	"context"
	"errors"
	"time"
)

func sample(ctx context.Context) error { return ctx.Err() }

// profile is the owner of the timeout that ends each capture; capture is
// a piece of it, factored out.
func profile(parent context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	return capture(ctx)
}

func capture(ctx context.Context) error {
	err := sample(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // negative: every caller made ctx with the timeout it suppresses (owner)
	}
	return err
}

// captureOnce is also called with a context its caller only received.
func captureOnce(ctx context.Context) error {
	err := sample(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // want `returning nil swallows context.DeadlineExceeded`
	}
	return err
}

func profileBoth(parent context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	if err := captureOnce(ctx); err != nil {
		return err
	}
	return captureOnce(parent)
}

// Capture is exported: callers in other packages may pass any context.
func Capture(ctx context.Context) error {
	err := sample(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // want `returning nil swallows context.DeadlineExceeded`
	}
	return err
}

func profileExported(parent context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	return Capture(ctx)
}

// captureCanceled suppresses Canceled, which the timeout does not cause.
func captureCanceled(ctx context.Context) error {
	err := sample(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context.Canceled`
	}
	return err
}

func profileCanceled(parent context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	return captureCanceled(ctx)
}

// captureLater is stored as a value: who calls it is unknown.
func captureLater(ctx context.Context) error {
	err := sample(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // want `returning nil swallows context.DeadlineExceeded`
	}
	return err
}

var captures = map[string]func(context.Context) error{"later": captureLater}

func profileLater(parent context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	return captureLater(ctx)
}

// captureMain is only called where no context was received: main owns it.
func captureMain(ctx context.Context) error {
	err := sample(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: its only caller received no context (owner)
	}
	return err
}

func runMain() {
	ctx, stop := context.WithCancel(context.Background())
	go func() {
		<-time.After(time.Second)
		stop()
	}()
	_ = captureMain(ctx)
}

// capturer is called through an interface too, by callers that do not own
// the context.
type capturer interface {
	captureVia(ctx context.Context) error
}

type profiler struct{}

func (profiler) captureVia(ctx context.Context) error {
	err := sample(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // want `returning nil swallows context.DeadlineExceeded`
	}
	return err
}

func profileVia(parent context.Context, d time.Duration, p profiler, c capturer) error {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	if err := p.captureVia(ctx); err != nil {
		return err
	}
	return c.captureVia(parent)
}
