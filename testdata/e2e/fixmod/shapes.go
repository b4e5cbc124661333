package fixmod

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Drain runs the items under a WaitGroup, cancels the rest on the first
// failure, and drains their errors after the wait: the channel's reader is
// the await site.
func Drain(items []string, work func(context.Context, string) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, len(items))
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() {
			err := work(ctx, it)
			if errors.Is(err, context.Canceled) {
				errc <- nil
				return
			}
			if err != nil {
				cancel()
			}
			errc <- err
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

// Quiet runs the workers in a group whose tasks clear their cancellation
// in a deferred closure over a named result.
func Quiet(workers []func(context.Context) error) error {
	g, ctx := errgroup.WithContext(context.Background())
	for _, w := range workers {
		g.Go(func() (err error) {
			defer func() {
				if errors.Is(err, context.Canceled) {
					err = nil
				}
			}()
			return w(ctx)
		})
	}
	return g.Wait()
}

// Poll waits for each worker's signal in a group; an empty case on the
// group's cancellation falls through to the trailing return.
func Poll(signals []<-chan error) error {
	g, ctx := errgroup.WithContext(context.Background())
	for _, sig := range signals {
		g.Go(func() error {
			select {
			case <-ctx.Done():
			case err := <-sig:
				return err
			}
			return nil
		})
	}
	return g.Wait()
}

// StartAll starts a task per item and stops at the first invalid one,
// returning its error: the tasks already started are left running.
func StartAll(items []string, work func(context.Context, string) error) error {
	g, ctx := errgroup.WithContext(context.Background())
	for _, it := range items {
		if it == "" {
			return errInvalid
		}
		g.Go(func() error { return work(ctx, it) })
	}
	return g.Wait()
}

var errInvalid = errors.New("invalid item")
