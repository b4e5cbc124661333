// Package demo shows what swallowcancel reports. Run:
//
//	go run ./cmd/swallowcancel ./testdata/demo
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(10 * time.Millisecond):
		return nil
	}
}

// FetchAll swallows the cancellation in its tasks: g.Wait() then says
// "all fetched" although some never were.
func FetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
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

// Poll keeps retrying under a cancelled context.
func Poll(ctx context.Context, urls []string) error {
	for _, url := range urls {
		err := fetch(ctx, url)
		if errors.Is(err, context.Canceled) {
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Watch returns nil when its context is done, and nil when it finishes:
// its caller cannot tell the two apart.
func Watch(ctx context.Context, events <-chan string) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			if ev == "" {
				return errors.New("empty event")
			}
		}
	}
}

// Mirror starts a copy per URL and returns at the first bad one, leaving
// the copies already started running: nobody waits for them, and their
// errors are lost.
func Mirror(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		if url == "" {
			return errors.New("empty url")
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}

// Run owns its context: it cancels it, so ignoring the cancellation here is right.
func Run(parent context.Context, urls []string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-parent.Done()
		cancel()
	}()
	if err := FetchAll(ctx, urls); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// Store records what finished.
type Store struct {
	fetched, followed bool
}

// Sync marks the URLs fetched once FetchAll returns nil: it takes the
// swallowed cancellation for finished work, which is where the default mode
// reports it.
func (s *Store) Sync(ctx context.Context, urls []string) error {
	if err := FetchAll(ctx, urls); err != nil {
		return err
	}
	s.fetched = true
	return nil
}

// Follow marks the stream followed to its end once Watch returns nil.
func (s *Store) Follow(ctx context.Context, events <-chan string) error {
	if err := Watch(ctx, events); err != nil {
		return err
	}
	s.followed = true
	return nil
}
