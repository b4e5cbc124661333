package strict

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sync/errgroup"
)

// follow's status task watches a context only follow cancels (from a
// goroutine in a deferred closure): harmless by construction, so the
// default leaves it, but the letter of the audit reports it.
func follow(ctx context.Context, updates func(context.Context) (string, error), status *string) error {
	g, ctx := errgroup.WithContext(ctx)
	statusCtx, cancelStatus := context.WithCancel(context.Background())
	defer cancelStatus()
	g.Go(func() error {
		defer func() {
			go func() {
				time.Sleep(time.Second)
				cancelStatus()
			}()
		}()
		return work(ctx)
	})
	g.Go(func() error {
		for {
			u, err := updates(statusCtx)
			if err != nil {
				if errors.Is(err, context.Canceled) {
					return nil // want `returning nil swallows context.Canceled; return it and ignore it at g.Wait, where the context is cancelled \(no automatic fix: the owner cancels the context itself, and g.Wait also reports tasks that are not fixed here\)`
				}
				return err
			}
			*status = u
		}
	})
	return g.Wait()
}

// Sync is exported and nothing here acts on its nil: the callers that
// would be told of the cancellation are in other packages, where this
// package cannot write their suppression. The audit reports it, unfixed.
func Sync(ctx context.Context) error { // want Sync:`false success\(error\)`
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context.Canceled; return it and ignore it in the caller that cancels the context \(no automatic fix: callers in other packages would be told of the cancellation, and their suppression is not in this package\)`
	}
	return err
}

// flushOnce's only caller logs what it returns: a consumer that does not
// act, not an owner. The audit lists the swallow; a fix would log every
// stop as a failure, so none is offered.
func flushOnce(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context.Canceled; return it and ignore it in the caller that cancels the context \(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func flushLoop(ctx context.Context, tick <-chan struct{}) {
	for range tick {
		if err := flushOnce(ctx); err != nil {
			println("flush:", err.Error())
		}
	}
}

// watchReady's watcher ends only when watchReady returns (the one cancel of
// its context is deferred): the audit lists its silent return, but a send
// of the cancellation would land where nobody reads any more.
func watchReady(ready <-chan struct{}, errc chan error, state func() error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return // want `returning without a send once the context is done hides the cancellation; .*\(no automatic fix: the context ends only once the function that started the task has returned: nobody reads what it would report\)`
			case <-time.After(time.Second):
				if err := state(); err != nil {
					errc <- err
					return
				}
			}
		}
	}()
	select {
	case <-ready:
		return nil
	case err := <-errc:
		return err
	}
}

// feedInto's tasks run on a group its caller made and waits on: who would
// receive the cancellation is not seen here, so no propagation is offered.
func feedInto(ctx context.Context, g *errgroup.Group, srcs []string) {
	for range srcs {
		g.Go(func() error {
			err := work(ctx)
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context.Canceled; .*\(no automatic fix: the task's group is waited on outside this function: who would receive the cancellation is not seen\)`
			}
			return err
		})
	}
}
