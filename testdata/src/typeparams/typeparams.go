package typeparams // want package:"cancellation helpers"

// This package holds generic task bodies and helpers.

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"
)

type Source[T any] struct {
	started chan error
	items   []T
}

func (s *Source[T]) WaitForSync(ctx context.Context) error {
	select {
	case err := <-s.started:
		return err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return errors.New("timed out")
	}
}

func Map[T, R any](ctx context.Context, in []T, f func(context.Context, T) (R, error)) ([]R, error) {
	out := make([]R, len(in))
	g, ctx := errgroup.WithContext(ctx)
	for i, v := range in {
		g.Go(func() error {
			r, err := f(ctx, v)
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled`
			}
			out[i] = r
			return err
		})
	}
	return out, g.Wait()
}

func isCanceled[E error](err E) bool { return errors.Is(err, context.Canceled) } // want isCanceled:`predicate\(error 0: Canceled\)`

func UsesGenericPredicate(ctx context.Context, f func(context.Context) error) error {
	err := f(ctx)
	if isCanceled(err) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

type Ctx interface {
	context.Context
	Value(key any) any
}

func Generic[C context.Context](ctx C, f func(C) error) error {
	if err := f(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil // want `returning nil swallows context\.Canceled`
}

func FirstOf[T any](ctx context.Context, ch <-chan T) (T, error) {
	var zero T
	select {
	case <-ctx.Done():
		return zero, ctx.Err() // negative: propagates
	case v := <-ch:
		return v, nil
	}
}
