package consumers

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sync/errgroup"
)

// follow streams progress under a context only it cancels: statusCtx
// derives from no parent, and follow calls its cancel itself, from a
// goroutine started in a deferred closure once the work is done. The
// progress task's nil on that cancellation is the stop follow asked for,
// so its use of the result after Wait is no false success: -strict's.
func follow(ctx context.Context, st *store, updates func(context.Context) (string, error)) error {
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
		return stat(ctx, "work")
	})
	g.Go(func() error {
		for {
			u, err := updates(statusCtx)
			if err != nil {
				if errors.Is(err, context.Canceled) || statusCtx.Err() != nil {
					return nil
				}
				return err
			}
			st.status = u
		}
	})
	if err := g.Wait(); err != nil {
		return err
	}
	st.synced["follow"] = true
	return nil
}

// followParent watches a context derived from the caller's: the caller's
// cancellation reaches the task too, and that one is not follow's to
// swallow.
func followParent(ctx context.Context, st *store, updates func(context.Context) (string, error)) error {
	g, ctx := errgroup.WithContext(ctx)
	statusCtx, cancelStatus := context.WithCancel(ctx)
	defer cancelStatus()
	g.Go(func() error {
		defer func() {
			go func() {
				time.Sleep(time.Second)
				cancelStatus()
			}()
		}()
		return stat(ctx, "work")
	})
	g.Go(func() error {
		for {
			u, err := updates(statusCtx)
			if err != nil {
				if errors.Is(err, context.Canceled) || statusCtx.Err() != nil {
					return nil // want `returning nil swallows context.Canceled; return it and ignore it at g.Wait, where the context is cancelled \(no automatic fix: the owner cancels the context itself, and g.Wait also reports tasks that are not fixed here\)`
				}
				return err
			}
			st.status = u
		}
	})
	if err := g.Wait(); err != nil {
		return err
	}
	st.synced["follow"] = true
	return nil
}
