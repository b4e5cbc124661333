// Package unawaited holds owners that start tasks on a group they created
// and leave without waiting for them: reported by default when a fan-out
// is left behind on an error path, or when the group is never waited on.
package unawaited

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

func check(url string) error {
	if url == "" {
		return errors.New("empty url")
	}
	return nil
}

// The easy leak: return err inside the launch loop.
func returnInLoop(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		if err := check(url); err != nil {
			return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}

// A zero-value group: the tasks watch the received context, which the
// function cannot cancel: the fix only waits.
func zeroGroup(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, url := range urls {
		if url == "stop" {
			return fmt.Errorf("stopped at %s", url) // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}

// Returned after the loop, before the wait.
func returnAfterLoop(ctx context.Context, urls []string, validate func() error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(gctx, url) })
	}
	if err := validate(); err != nil {
		return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
	}
	return g.Wait()
}

// The function holds the cancel of the tasks' context.
func holdsCancel(ctx context.Context, urls []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var g errgroup.Group
	for _, url := range urls {
		if url == "" {
			return errors.New("empty url") // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}

// A select exit in the loop.
func selectExit(ctx context.Context, urls <-chan string) error {
	g, gctx := errgroup.WithContext(ctx)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err() // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		case url, ok := <-urls:
			if !ok {
				return g.Wait()
			}
			g.Go(func() error { return fetch(gctx, url) })
		}
	}
}

// A deferred Wait covers every return after it.
func deferredWait(ctx context.Context, urls []string) error {
	var g errgroup.Group
	defer g.Wait()
	for _, url := range urls {
		if url == "" {
			return errors.New("empty url") // negative: the deferred Wait runs on the way out
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return nil
}

// A deferred literal that waits.
func deferredLiteralWait(ctx context.Context, urls []string) (err error) {
	var g errgroup.Group
	defer func() {
		if werr := g.Wait(); err == nil {
			err = werr
		}
	}()
	for _, url := range urls {
		if url == "" {
			return errors.New("empty url") // negative: the deferred literal waits
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return nil
}

// A return before any task started leaks nothing.
func returnBeforeStart(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	if len(urls) == 0 {
		return errors.New("no urls") // negative: no task started yet
	}
	for _, url := range urls {
		g.Go(func() error { return fetch(gctx, url) })
	}
	return g.Wait()
}

// Waited on every path.
func waitedEverywhere(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(gctx, url) })
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("fetch: %w", err) // negative: after the wait
	}
	return nil
}

// Tasks started one by one, an error path between them: -strict only.
func oneByOne(ctx context.Context, a, b string) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, a) })
	if err := check(b); err != nil {
		return err // negative: no fan-out (strict reports it)
	}
	g.Go(func() error { return fetch(ctx, b) })
	return g.Wait()
}

// A success return in the loop: -strict only.
func successInLoop(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, url := range urls {
		if url == "last" {
			return nil // negative: a success path (strict reports it)
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}

// Never waited on anywhere.
func neverWaited(ctx context.Context, urls []string) {
	var g errgroup.Group // want `tasks started on g are never waited for; their errors are lost and they outlive the function \(no automatic fix: where to wait is the author's choice\)`
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
}

// TryGo starts tasks too.
func tryGoInLoop(ctx context.Context, urls []string) error {
	var g errgroup.Group
	g.SetLimit(4)
	for _, url := range urls {
		if !g.TryGo(func() error { return fetch(ctx, url) }) {
			return errors.New("too busy") // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
	}
	return g.Wait()
}

// A panic path is no leak.
func panics(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, url := range urls {
		if url == "" {
			panic("empty url") // negative: the program is going down
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}

// A nested loop with a labelled continue to a later iteration that waits.
func laterIterationWaits(ctx context.Context, batches [][]string) error {
	for _, batch := range batches {
		var g errgroup.Group
		for _, url := range batch {
			g.Go(func() error { return fetch(ctx, url) })
		}
		if err := g.Wait(); err != nil {
			return err // negative: waited first
		}
	}
	return nil
}

// A CancelCauseFunc is called with the error that leaves as its cause.
func causeCancel(ctx context.Context, urls []string) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var g errgroup.Group
	for _, url := range urls {
		if err := check(url); err != nil {
			return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}
