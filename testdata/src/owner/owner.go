// Package owner holds code where suppression belongs: the owner that
// created the context and caused its cancellation, and suppressions guarded
// by the parent context still being live.
package owner

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"time"

	"golang.org/x/sync/errgroup"
)

func work(ctx context.Context) error { return ctx.Err() }

func cancelsItself(parent context.Context, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	if err := work(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil // negative: this function cancels ctx (owner; strict reports the unguarded parent)
}

func cancelPassedOn(parent context.Context, register func(context.CancelFunc)) error {
	ctx, cancel := context.WithCancel(parent)
	register(cancel)
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: the cancel was handed to a helper that calls it (owner)
	}
	return err
}

func ownTimeout(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	err := work(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // negative: the timeout is this function's own (owner)
	}
	return err
}

func ownTimeoutParentCanceled(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func deferOnly(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func deferredLiteralOnly(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer func() { cancel() }()
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func groupOwner(parent context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(parent)
	for range urls {
		g.Go(func() error { return work(ctx) })
	}
	err := g.Wait()
	if errors.Is(err, context.Canceled) {
		return nil // negative: the group cancels ctx on the first failure (owner)
	}
	return err
}

func signalOwner(parent context.Context) error {
	ctx, stop := signal.NotifyContext(parent, os.Interrupt)
	defer stop()
	if err := work(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil // negative: the signal cancels ctx (owner)
}

func withTimeoutHelper(parent context.Context) (context.Context, func()) {
	return context.WithTimeout(parent, time.Second)
}

func projectHelper(parent context.Context) error {
	ctx, cancel := withTimeoutHelper(parent)
	defer cancel()
	err := work(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return nil // negative: a project helper returned the context with its cancel (owner)
	}
	return err
}

type cache struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (c *cache) watch(events <-chan int) error {
	for {
		select {
		case <-c.ctx.Done():
			return nil // negative: the type keeps ctx with its cancel (owner)
		case ev := <-events:
			if ev < 0 {
				return errors.New("bad event")
			}
		}
	}
}

func (c *cache) start() {
	go c.watch(nil)
}

// routines keeps the group made by errgroup.WithContext with its context:
// the group cancels it when a routine fails, and suppresses it for its
// other routines.
type routines struct {
	ctx     context.Context
	stopCtx context.Context // ends with ctx or at a graceful stop
	eg      *errgroup.Group
}

func newRoutines(parent context.Context) *routines {
	eg, ctx := errgroup.WithContext(parent)
	return &routines{ctx: ctx, stopCtx: gracefulOf(ctx), eg: eg}
}

func gracefulOf(ctx context.Context) context.Context { return ctx }

// startPicked reads one of the type's contexts through a local.
func (r *routines) startPicked(graceful bool, f func(context.Context) error) {
	var ctx context.Context
	if graceful {
		ctx = r.stopCtx
	} else {
		ctx = r.ctx
	}
	r.eg.Go(func() error {
		err := f(ctx)
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return nil // negative: every value of ctx is a context the type owns (owner)
		}
		return err
	})
}

// startWith may run under a context the caller passed instead.
func (r *routines) startWith(parent context.Context, f func(context.Context) error) {
	ctx := r.ctx
	if parent != nil {
		ctx = parent
	}
	r.eg.Go(func() error {
		err := f(ctx)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context.Canceled`
		}
		return err
	})
}

func (r *routines) start(f func(context.Context) error) {
	r.eg.Go(func() error {
		err := f(r.ctx)
		if errors.Is(err, context.Canceled) && r.ctx.Err() != nil {
			return nil // negative: the type keeps ctx with the group that cancels it (owner)
		}
		return err
	})
}

// borrowed keeps a context it did not make, and no way to cancel it.
type borrowed struct{ ctx context.Context }

func (b *borrowed) start(g *errgroup.Group, f func(context.Context) error) {
	g.Go(func() error {
		err := f(b.ctx)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context.Canceled`
		}
		return err
	})
}

func (c *cache) Stop(done <-chan error) error {
	c.cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil // negative: no received context: Stop cancels and waits (owner)
}

func main() {
	go func() {
		if err := work(context.Background()); errors.Is(err, context.Canceled) {
			return // negative: no error result, no received context
		}
	}()
	var g errgroup.Group
	g.Go(func() error {
		err := work(context.Background())
		if errors.Is(err, context.Canceled) {
			return nil // negative: no received context at all (owner)
		}
		return err
	})
	_ = g.Wait()
}

func guardedByLiveParent(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) && ctx.Err() == nil {
		return nil // negative: the parent is still live: the cancellation came from elsewhere
	}
	return err
}

func guardedEarlier(ctx context.Context) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func guardedBySelectDefault(ctx context.Context) error {
	err := work(ctx)
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	if errors.Is(err, context.Canceled) {
		return nil // negative: select with default proved the parent live
	}
	return err
}

func cancelInField(parent context.Context) (*cache, error) {
	c := &cache{}
	c.ctx, c.cancel = context.WithCancel(parent)
	if err := work(c.ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, nil // negative: the cancel is kept in a field and called elsewhere (owner)
		}
		return nil, err
	}
	return c, nil
}
