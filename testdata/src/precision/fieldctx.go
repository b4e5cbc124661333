package precision

import "context"

// A group type's Wait with no context parameter that returns nil once the
// context its constructor kept is done: the audit's (-strict) until a
// consumer is seen acting on that nil.
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
		return nil // negative: no consumer in sight (-strict reports it)
	}
}
