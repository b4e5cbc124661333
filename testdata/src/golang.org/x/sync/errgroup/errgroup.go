// Package errgroup is a stub of golang.org/x/sync/errgroup for the tests.
package errgroup

import "context"

type Group struct {
	cancel func(error)
	err    error
}

func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	return &Group{cancel: cancel}, ctx
}

func (g *Group) Go(f func() error) {
	if err := f(); err != nil && g.err == nil {
		g.err = err
	}
}

func (g *Group) TryGo(f func() error) bool { g.Go(f); return true }

func (g *Group) Wait() error { return g.err }

func (g *Group) SetLimit(n int) {}
