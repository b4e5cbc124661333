package strict

import (
	"context"
	"errors"
)

// waitGroup keeps the context its caller handed its constructor: Wait has
// no context parameter, but its error reaches whoever cancels that context.
type waitGroup struct {
	ctx  context.Context
	done chan struct{}
	err  error
}

func newWaitGroup(ctx context.Context) *waitGroup {
	return &waitGroup{ctx: ctx, done: make(chan struct{})}
}

func (g *waitGroup) Wait() error {
	select {
	case <-g.done:
		return g.err
	case <-g.ctx.Done():
		return nil // want `returning nil once the context is done hides the cancellation`
	}
}

// Result records nothing when the context ends first: the recorded error,
// nil when no task failed, does not carry the cancellation.
func (g *waitGroup) Result() error {
	select {
	case <-g.done:
	case <-g.ctx.Done():
	}
	return g.err // want `returning an error that may be nil`
}

// Err reports it.
func (g *waitGroup) Err() error {
	select {
	case <-g.done:
		return g.err
	case <-g.ctx.Done():
		return g.ctx.Err() // negative: the cancellation is reported
	}
}

// ownGroup keeps its context with the cancel it made: its methods own it.
type ownGroup struct {
	ctx    context.Context
	cancel context.CancelFunc
	err    error
}

func newOwnGroup() *ownGroup {
	ctx, cancel := context.WithCancel(context.Background())
	return &ownGroup{ctx: ctx, cancel: cancel}
}

func (g *ownGroup) Wait() error {
	<-g.ctx.Done()
	if errors.Is(g.err, context.Canceled) {
		return nil // negative: the type's own cancel ended it
	}
	return g.err
}
