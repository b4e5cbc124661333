package lineagestrict

import (
	"context"
	"errors"
)

func get(ctx context.Context, i int) (int, error) { return i, ctx.Err() }

// A parent guard's own ctx.Err() is no done observation: the sum after
// the loop is the work's result, not a nil that hides the cancellation.
func collect(ctx context.Context, n int) (int, error) {
	sum := 0
	for i := range n {
		v, err := get(ctx, i)
		if errors.Is(err, context.Canceled) && ctx.Err() == nil {
			continue // negative: a sub-call's own cancellation while ctx lives
		}
		if err != nil {
			return 0, err
		}
		sum += v
	}
	return sum, nil // negative: no done observation reaches it
}

// runner's cancel is stored by a helper two calls below Run, which cancels
// it from a goroutine: Run owns the cancellation it causes, but its context
// derives from parent, whose cancellation it drops unguarded.
type runner struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (r *runner) init(parent context.Context) { r.setup(parent) }

func (r *runner) setup(parent context.Context) {
	r.ctx, r.cancel = context.WithCancel(parent)
}

func (r *runner) Run(parent context.Context, stop <-chan struct{}) error {
	r.init(parent)
	go func() { <-stop; r.cancel() }()
	_, err := fetch(r.ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `context\.Canceled is ignored without checking that the parent context is still live`
	}
	return err
}
