// Package tasks swallows cancellation through the helpers of another package.
package tasks

import (
	"context"
	"errors"
	"sync"

	"example.com/vetmod/helpers"
)

func work(ctx context.Context) error { return ctx.Err() }

// Poll swallows the cancellation through a predicate of package helpers.
func Poll(ctx context.Context) error {
	err := work(ctx)
	if helpers.IsCanceled(err) {
		return nil
	}
	return err
}

// Quiet swallows it through a suppressor of package helpers.
func Quiet(ctx context.Context) error {
	return helpers.Ignore(work(ctx))
}

// Wait swallows a done observation in a launched task.
func Wait(ctx context.Context, ready <-chan error) error {
	errc := make(chan error, 1)
	go func() {
		select {
		case <-ctx.Done():
			errc <- nil
		case err := <-ready:
			errc <- err
		}
	}()
	return <-errc
}

// Serve is a service loop: its nil can only mean "cancelled", so only
// -strict reports it.
func Serve(ctx context.Context, events <-chan int, handle func(int) error) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-events:
			if err := handle(ev); err != nil {
				return err
			}
		}
	}
}

// FetchAll leaves the fetches it started running when one URL is bad.
func FetchAll(ctx context.Context, urls []string, fetch func(context.Context, string) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(urls))
	for i, url := range urls {
		if url == "" {
			return errors.New("empty url")
		}
		wg.Go(func() { errs[i] = fetch(ctx, url) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// polled is set once Poll reports success.
var polled bool

// Record marks the poll done once Poll returns nil: Poll's false success
// lands here.
func Record(ctx context.Context) error {
	if err := Poll(ctx); err != nil {
		return err
	}
	polled = true
	return nil
}
