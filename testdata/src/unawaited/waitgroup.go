package unawaited

import (
	"context"
	"errors"
	"os"
	"sync"
)

// WaitGroup with Add and go: an error return in the loop.
func addAndGo(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(items))
	for i, it := range items {
		if it == "" {
			return errors.New("empty item") // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fetch(ctx, it)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// WaitGroup.Go.
func waitGroupGo(ctx context.Context, items []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(items))
	for i, it := range items {
		wg.Go(func() { errs[i] = fetch(ctx, it) })
		if it == "bad" {
			return errors.New("bad item") // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
	}
	wg.Wait()
	return errors.Join(errs...)
}

// os.Exit ends the tasks with the process.
func exits(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it == "" {
			os.Exit(2) // negative: the process ends
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	wg.Wait()
	return nil
}

// Passed to another function: it may wait.
func passedOn(ctx context.Context, items []string, wait func(*sync.WaitGroup)) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // negative: the group escapes to wait
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	wait(&wg)
	return nil
}

type server struct {
	wg *sync.WaitGroup
}

// Stored in a field: another method waits.
func (s *server) start(ctx context.Context, items []string) error {
	wg := &sync.WaitGroup{}
	s.wg = wg
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // negative: stored in a field
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	return nil
}

// Returned to the caller.
func returned(ctx context.Context, items []string) (*sync.WaitGroup, error) {
	wg := new(sync.WaitGroup)
	for _, it := range items {
		if it == "" {
			return nil, errors.New("empty item") // negative: the caller gets the group on success
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	return wg, nil
}

// Captured by a closure that outlives the call.
func capturedByCloser(ctx context.Context, items []string) (func(), error) {
	var wg sync.WaitGroup
	for _, it := range items {
		if it == "" {
			return nil, errors.New("empty item") // negative: the returned closure waits
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	return func() { wg.Wait() }, nil
}

// Never waited: a WaitGroup with Add and go.
func neverWaitedAdd(ctx context.Context, items []string) {
	var wg sync.WaitGroup // want `tasks started on wg are never waited for`
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = fetch(ctx, it)
		}()
	}
}

// Fan-out from a walker's callback.
func fromCallback(ctx context.Context, walk func(func(string) error) error) error {
	var wg sync.WaitGroup
	err := walk(func(p string) error {
		wg.Go(func() { _ = fetch(ctx, p) })
		return nil
	})
	if err != nil {
		return err // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
	}
	wg.Wait()
	return nil
}

// Generic: a fan-out over any items.
func generic[T any](ctx context.Context, items []T, do func(context.Context, T) error) error {
	var g sync.WaitGroup
	errs := make([]error, len(items))
	for i, it := range items {
		if any(it) == nil {
			return errors.New("nil item") // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() { errs[i] = do(ctx, it) })
	}
	g.Wait()
	return errors.Join(errs...)
}

// The error of a result the loop waits for in between.
func waitsInLoop(ctx context.Context, batches [][]string) error {
	var wg sync.WaitGroup
	for _, batch := range batches {
		for _, it := range batch {
			wg.Go(func() { _ = fetch(ctx, it) })
		}
		wg.Wait()
		if len(batch) == 0 {
			return errors.New("empty batch") // negative: waited before
		}
	}
	return nil
}

// A wait made on one branch of the loop, and conditionally after it, for
// what the loop left: a return after them belongs to the collection.
func conditionalWait(ctx context.Context, records []string) error {
	var wg sync.WaitGroup
	pending := true
	for _, r := range records {
		if r == "flush" && pending {
			wg.Wait()
			pending = false
			continue
		}
		wg.Go(func() { _ = fetch(ctx, r) })
	}
	if pending {
		wg.Wait()
	}
	if len(records) > 100 {
		return errors.New("too many records") // negative: after the waits in source order (strict reports the path)
	}
	return nil
}

// A task held in a variable and started with go in the loop.
func heldTask(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	run := func(it string) {
		defer wg.Done()
		_ = fetch(ctx, it)
	}
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
		wg.Add(1)
		go run(it)
	}
	wg.Wait()
	return nil
}

// Workers fed through a channel: waiting before closing it never ends, so
// no fix is offered.
func workers(ctx context.Context, items []string, n int) error {
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for it := range jobs {
				_ = fetch(ctx, it)
			}
		})
	}
	for _, it := range items {
		select {
		case <-ctx.Done():
			return ctx.Err() // want `returning here leaves the tasks started on wg running; wait for wg first \(no automatic fix: the tasks wait on a channel that must be closed before waiting for them\)`
		case jobs <- it:
		}
	}
	close(jobs)
	wg.Wait()
	return nil
}
