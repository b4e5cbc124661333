package precision

import (
	"context"
	"errors"
)

func serve(ctx context.Context) error { return ctx.Err() }

type server struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// setup derives the context the server runs under and keeps its cancel.
func (s *server) setup(ctx context.Context) context.Context {
	ctx, s.cancel = context.WithCancel(ctx)
	return ctx
}

// Run installs the shutdown handler that calls the stored cancel: the
// cancellation it sees is its own.
func (s *server) Run(ctx context.Context, stop <-chan struct{}) error {
	ctx = s.setup(ctx)
	go func() {
		<-stop
		s.cancel()
	}()
	err := serve(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: this function's shutdown handler cancels the context (owner)
	}
	return err
}

// Shutdown calls the stored cancel itself, then waits.
func (s *server) serveUntilShutdown(ctx context.Context, shutdown <-chan struct{}) error {
	ctx = s.setup(ctx)
	errc := make(chan error, 1)
	go func() { errc <- serve(ctx) }()
	select {
	case <-shutdown:
		s.cancel()
	case <-s.done:
	}
	if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil // negative: the function cancels the context it set up (owner)
}

type listener struct {
	onClose func() // a callback, not a cancel: nothing stores a context's cancel here
}

func (l *listener) accept(ctx context.Context) error {
	defer l.onClose()
	err := serve(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}
