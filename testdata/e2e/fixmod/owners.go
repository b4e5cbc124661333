// Package fixmod is an end-to-end subject for swallowcancel's fixes: its
// owners cancel tasks that swallow the cancellation, and its tests pin what
// each owner returns, so that they must pass unchanged after -fix moves the
// suppression from the tasks to the owners.
package fixmod

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

// FetchAll fetches every URL in a group: the first failure cancels the
// rest, which swallow their cancellation.
func FetchAll(urls []string, fetch func(context.Context, string) error) error {
	g, ctx := errgroup.WithContext(context.Background())
	for _, url := range urls {
		g.Go(func() error {
			if err := fetch(ctx, url); err != nil {
				if errors.Is(err, context.Canceled) {
					return nil
				}
				return fmt.Errorf("fetch %s: %w", url, err)
			}
			return nil
		})
	}
	return g.Wait()
}

// Count runs the workers until stop is closed, then cancels them and
// returns how many there were.
func Count(stop <-chan struct{}, workers []func(context.Context) error) (int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	g, gctx := errgroup.WithContext(ctx)
	for _, w := range workers {
		g.Go(func() error {
			if err := w(gctx); err != nil && !errors.Is(err, context.Canceled) {
				return err
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return len(workers), nil
}

// Serve runs a server loop in a group until stop is closed.
func Serve(stop <-chan struct{}, requests <-chan string, handle func(string) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	var g errgroup.Group
	g.Go(func() error {
		for {
			select {
			case <-ctx.Done():
				return nil
			case r := <-requests:
				if err := handle(r); err != nil {
					return err
				}
			}
		}
	})
	err := g.Wait()
	return err
}

// RunUntil runs work until stop is closed and reports its result on a channel.
func RunUntil(stop <-chan struct{}, work func(context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	errc := make(chan error, 1)
	go func() {
		err := work(ctx)
		if errors.Is(err, context.Canceled) {
			errc <- nil
			return
		}
		errc <- err
	}()
	return <-errc
}

// Collect runs all jobs, stops them when stop is closed, and returns the
// first failure.
func Collect(stop <-chan struct{}, jobs []func(context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	errc := make(chan error, len(jobs))
	for _, job := range jobs {
		go func() {
			if err := job(ctx); err != nil && !errors.Is(err, context.Canceled) {
				errc <- err
				return
			}
			errc <- nil
		}()
	}
	var first error
	for range jobs {
		err := <-errc
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}
