// Package unawaitedstrict is analysed with -strict: every path that
// leaves after a task started without waiting is listed.
package unawaitedstrict

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

func check(url string) error {
	if url == "" {
		return errors.New("empty url")
	}
	return nil
}

// Tasks started one by one, an error path between them.
func oneByOne(ctx context.Context, a, b string) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, a) })
	if err := check(b); err != nil {
		return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
	}
	g.Go(func() error { return fetch(ctx, b) })
	return g.Wait()
}

// A success return in the loop.
func successInLoop(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, url := range urls {
		if url == "last" {
			return nil // want `returning here leaves the tasks started on g running; wait for g first`
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}

// A function without an error result that falls off its end.
func fallsOff(ctx context.Context, urls []string, done func() bool) {
	var g errgroup.Group
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	if done() {
		_ = g.Wait()
		return
	}
} // want `the function ends here leaves the tasks started on g running; wait for g first`

// A goroutine reports on a channel the function reads on one path only:
// -strict reports the other path where the goroutine might block (two
// results for one slot), not where its one result has room.
func channelOnePath(ctx context.Context, url string, quick bool) error {
	errc := make(chan error, 1)
	go func() {
		errc <- fetch(ctx, url)
		errc <- fetch(ctx, url+"/again")
	}()
	if quick {
		return nil // want `returning here leaves goroutines that report on errc running; receive their results first \(no automatic fix: how many results to receive is the author's choice\)`
	}
	return <-errc
}

func channelOnePathRoomy(ctx context.Context, url string, quick bool) error {
	errc := make(chan error, 1)
	go func() { errc <- fetch(ctx, url) }()
	if quick {
		return nil
	}
	return <-errc
}

// Every result received: nothing is left.
func channelAllReceived(ctx context.Context, urls []string) error {
	errc := make(chan error, len(urls))
	for _, url := range urls {
		go func() { errc <- fetch(ctx, url) }()
	}
	var errs []error
	for range urls {
		errs = append(errs, <-errc)
	}
	return errors.Join(errs...) // negative: every goroutine delivered its result
}

// The channel is returned: the caller reads it.
func channelReturned(ctx context.Context, url string) <-chan error {
	errc := make(chan error, 1)
	go func() { errc <- fetch(ctx, url) }()
	return errc // negative: the channel escapes to the caller
}

// Waited on every path.
func waited(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(gctx, url) })
	}
	return g.Wait() // negative: waited
}

// Stop functions held in variables and started with go: the wait for them
// to finish is deliberately conditional, so a reload does not block.
func stopAll(ctx context.Context, servers []string, exiting bool, stop func(context.Context, string)) error {
	var started, finished sync.WaitGroup
	stopOne := func(s string) {
		defer finished.Done()
		started.Done()
		stop(ctx, s)
	}
	for _, s := range servers {
		started.Add(1)
		finished.Add(1)
		go stopOne(s)
	}
	started.Wait()
	if exiting {
		finished.Wait()
	}
	return nil // want `returning here leaves the tasks started on finished running; wait for finished first \(no automatic fix: the function waits for its tasks only under a condition, and whether to wait on this path too is the author.s choice\)`
}

// Goroutines that report on a buffered channel with non-blocking sends,
// and that a WaitGroup waits for: after wg.Wait() nothing is left running.
func nonBlockingSends(ctx context.Context, items []string) error {
	errc := make(chan error, len(items))
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case errc <- fetch(ctx, it):
			default:
			}
		}()
	}
	wg.Wait()
	if len(errc) > 0 {
		return <-errc // negative: every goroutine is done after wg.Wait()
	}
	return nil // negative: likewise
}
