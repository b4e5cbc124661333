package lineagestrict

import (
	"context"
	"sync"
)

// A type that keeps a context with its cancel owns what its cancel causes.
// When its constructor derived that context from the one it was handed,
// the caller's cancellation reaches the methods too, and is not the type's
// to suppress (pond#40: the group's Wait returned its first error, nil,
// when the caller cancelled). The parent has no name in the methods: no
// fix.
type taskGroup struct {
	wg     sync.WaitGroup
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	err    error
}

func newTaskGroup(ctx context.Context) (*taskGroup, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &taskGroup{ctx: ctx, cancel: cancel}, ctx
}

func (g *taskGroup) Wait() error {
	finished := make(chan struct{})
	go func() {
		g.wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
		g.cancel()
	case <-g.ctx.Done():
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err // want `the cancellation is ignored, but the context was derived from the one the type's constructor was handed, whose cancellation is not the type's to suppress \(no automatic fix: the error returned there may be a real failure\)`
}

// Stored by assignment, in a method that has a context parameter of its
// own: that parameter is not the field's parent.
type poller struct {
	ctx     context.Context
	cancel  context.CancelFunc
	lastErr error
}

func (p *poller) start(parent context.Context) {
	p.ctx, p.cancel = context.WithCancel(parent)
}

func (p *poller) next(ctx context.Context, ch <-chan int) (int, error) {
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-p.ctx.Done():
		return 0, p.lastErr // want `the cancellation is ignored, but the context was derived from the one the type's constructor was handed, whose cancellation is not the type's to suppress`
	}
}

// A literal nil there is the type's "stopped", whoever cancelled: a
// service loop a Close ends (tailscale's routecheck Client.Start, labeled
// owner-ok).
func (p *poller) run(ch <-chan int, handle func(int) error) error {
	for {
		select {
		case v := <-ch:
			if err := handle(v); err != nil {
				p.lastErr = err
				return err
			}
		case <-p.ctx.Done():
			return nil
		}
	}
}

// Positional fields, a generic type, the context held in a local first.
type pool[T any] struct {
	ctx    context.Context
	stop   context.CancelFunc
	queued []T
	err    error
}

func newPool[T any](parent context.Context) *pool[T] {
	var ctx context.Context
	var stop context.CancelFunc
	ctx, stop = context.WithCancel(parent)
	return &pool[T]{ctx, stop, nil, nil}
}

func (p *pool[T]) drain() error {
	if p.ctx.Err() != nil {
		return p.err // want `the cancellation is ignored, but the context was derived`
	}
	p.queued = p.queued[:0]
	return nil
}

// Derived from Background, or from a detached context: the type's cancel
// is the only one, and the cancellation is its own.
type ownTicker struct {
	ctx    context.Context
	cancel context.CancelFunc
	err    error
}

func newOwnTicker() *ownTicker {
	ctx, cancel := context.WithCancel(context.Background())
	return &ownTicker{ctx: ctx, cancel: cancel}
}

func newDetachedTicker(parent context.Context) *ownTicker {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	return &ownTicker{ctx: ctx, cancel: cancel}
}

func (t *ownTicker) tick(ch <-chan int) (int, error) {
	select {
	case v := <-ch:
		return v, nil
	case <-t.ctx.Done():
		return 0, t.err
	}
}

// What the method computes there is its own answer, not a stored result:
// a helper handed the field context (k6's ContextErr(c.ctx)), or an error
// a call returned.
func (p *poller) await(ch <-chan int, retry func() error) error {
	err := retry()
	select {
	case <-ch:
		return nil
	case <-p.ctx.Done():
		return contextErr(p.ctx)
	case <-p.ctx.Done():
		return err
	}
}

func contextErr(ctx context.Context) error {
	if cause := context.Cause(ctx); cause != nil {
		return cause
	}
	return ctx.Err()
}
