// Package consumers pins the default mode's consumer rule: a task-side
// swallow is reported where a consumer is seen acting on its nil, and left
// to -strict where none is.
package consumers

import (
	"context"
	"errors"
	"log"
	"os"
	"time"

	"golang.org/x/sync/errgroup"
)

type store struct {
	synced map[string]bool
	status string
}

// list breaks off on cancellation and returns what it found so far with a
// nil error: the partial result itself is taken for the listing.
func list(ctx context.Context, dirs []string) ([]string, error) {
	var found []string
	for _, d := range dirs {
		err := stat(ctx, d)
		if errors.Is(err, context.Canceled) {
			return found, nil // want `returning nil swallows context.Canceled`
		}
		if err != nil {
			return nil, err
		}
		found = append(found, d)
	}
	return found, nil
}

// poll's other result says why it stopped: a done observation with a
// (status, nil) result is -strict's, whatever the status.
func poll(ctx context.Context, ready <-chan string) (string, error) {
	for {
		select {
		case <-ctx.Done():
			return "timeout", nil
		case r := <-ready:
			if r == "" {
				return "", errors.New("empty")
			}
			return r, nil
		}
	}
}

func stat(ctx context.Context, d string) error {
	if d == "" {
		return errors.New("empty dir")
	}
	return ctx.Err()
}

// sync returns nil once ctx is done, like on completion.
func sync(ctx context.Context, dir string) error {
	for range 3 {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case <-time.After(time.Millisecond):
		}
		if dir == "" {
			return errors.New("no dir")
		}
	}
	return nil
}

// SyncAll records every directory as synced once sync returns nil.
func (s *store) SyncAll(ctx context.Context, dirs []string) error {
	for _, d := range dirs {
		if err := sync(ctx, d); err != nil {
			return err
		}
		s.synced[d] = true // records completion: the consumer of sync's nil
	}
	return nil
}

// fetch returns nil once ctx is done; its only caller logs and goes on to
// a step that is handed the same context.
func fetch(ctx context.Context, url string) error {
	for range 3 {
		select {
		case <-ctx.Done():
			return nil // reported by -strict only: no consumer acts on this nil
		case <-time.After(time.Millisecond):
		}
		if url == "" {
			return errors.New("no url")
		}
	}
	return nil
}

func (s *store) Refresh(ctx context.Context, url string) error {
	if err := fetch(ctx, url); err != nil {
		log.Printf("fetch %s: %v", url, err)
		return err
	}
	return s.save(ctx) // the next step is handed the cancelled context
}

func (s *store) save(ctx context.Context) error { return ctx.Err() }

// scan returns nil once ctx is done; its caller checks the context first.
func scan(ctx context.Context, n int) error {
	for i := 0; i < n; i++ {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Millisecond):
		}
		if i > 10 {
			return errors.New("too many")
		}
	}
	return nil
}

func (s *store) Scan(ctx context.Context) error {
	err := scan(ctx, 5)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	s.status = "scanned"
	return nil
}

// prune deletes the directories sync did not keep: the removal acts on
// pull's nil, reached through a caller that only passes it on.
func pull(ctx context.Context, dir string) error {
	for range 3 {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case <-time.After(time.Millisecond):
		}
		if dir == "" {
			return errors.New("no dir")
		}
	}
	return nil
}

func pullAll(ctx context.Context, dirs []string) error {
	for _, d := range dirs {
		if err := pull(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

func Prune(ctx context.Context, dirs, local []string) error {
	var err = pullAll(ctx, dirs)
	if err != nil {
		return err
	}
	for _, d := range local {
		os.RemoveAll(d) // deletes on the strength of the pull
	}
	return nil
}

// watch returns nil once ctx is done; its caller exits the process.
func watch(ctx context.Context, events <-chan string) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-events:
			if ev == "" {
				return errors.New("empty event")
			}
		}
	}
}

func Main(ctx context.Context, events <-chan string) {
	if err := watch(ctx, events); err != nil {
		log.Fatal(err)
	}
	os.Exit(0)
}

// Batch marks the batch done once its group's Wait returns nil: the
// owner, after its wait, is the consumer of each task's nil.
func (s *store) Batch(ctx context.Context, items []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			select {
			case <-gctx.Done():
				return nil // want `returning nil once the context is done hides the cancellation`
			case <-time.After(time.Millisecond):
			}
			if it == "" {
				return errors.New("empty item")
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	s.status = "batched"
	return nil
}

// drain's owner only logs what its Wait returns.
func drain(ctx context.Context, items []string) {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			select {
			case <-gctx.Done():
				return nil
			case <-time.After(time.Millisecond):
			}
			if it == "" {
				return errors.New("empty item")
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		log.Print(err)
	}
}

// retry hands its callback's nil on as its own.
func retry(ctx context.Context, f func() error) error {
	for {
		err := f()
		if err == nil || ctx.Err() != nil {
			return err
		}
	}
}

// Upload counts the upload done once retry reports nil.
func (s *store) Upload(ctx context.Context, name string) error {
	err := retry(ctx, func() error {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case <-time.After(time.Millisecond):
		}
		if name == "" {
			return errors.New("no name")
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.synced[name] = true
	return nil
}
