package unawaited

// A waiter goroutine closes a channel once the group's Wait returns: a
// receive from that channel waits for the group, and a select arm that
// leaves on the first error does not.

import (
	"context"
	"errors"
	"sync"
)

func fanOutWaiter(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	errCh := make(chan error, len(items))
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fetch(ctx, it); err != nil {
				errCh <- err
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case err := <-errCh:
		return err // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
	}
}

// The waiter's channel closed by a deferred close; the error arm checks
// what it received.
func deferredWaiter(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	errCh := make(chan error, len(items))
	for _, it := range items {
		wg.Go(func() {
			if err := fetch(ctx, it); err != nil {
				errCh <- err
			}
		})
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		wg.Wait()
	}()
	select {
	case <-done:
		return nil
	case err := <-errCh:
		if err != nil {
			return errors.Join(errors.New("fetch"), err) // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
		return nil
	}
}

// Every arm waits: the error arm waits for the rest before it leaves.
func waiterThenDrain(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	errCh := make(chan error, len(items))
	for _, it := range items {
		wg.Go(func() {
			if err := fetch(ctx, it); err != nil {
				errCh <- err
			}
		})
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case err := <-errCh:
		<-done
		return err // negative: waited for through the waiter's channel
	}
}

// The waiter closes a results channel the function ranges over: the loop
// ends once every task is done.
func rangeWaiter(ctx context.Context, items []string) ([]string, error) {
	var wg sync.WaitGroup
	out := make(chan string)
	for _, it := range items {
		wg.Go(func() {
			if fetch(ctx, it) == nil {
				out <- it
			}
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	var got []string
	for s := range out {
		got = append(got, s) // negative: ranging to the end waits for wg through the waiter
	}
	return got, nil
}

// The waiter's channel is handed to the caller, who waits on it.
func handedWaiter(ctx context.Context, items []string) <-chan struct{} {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	return done // negative: the caller waits
}

// startAll runs until ctx ends, and returns the first error before: the
// other tasks run on, and a second failure blocks on the unbuffered errs
// forever, so waiting for them would never end: no fix.
func startAll(ctx context.Context, starts []func(context.Context) error) error {
	wg := &sync.WaitGroup{}
	errs := make(chan error)
	for _, start := range starts {
		wg.Go(func() {
			if err := start(ctx); err != nil {
				errs <- err
			}
		})
	}
	select {
	case err := <-errs:
		return err // want `returning here leaves the tasks started on wg running; wait for wg first \(no automatic fix: a task may block sending on errs, which nothing reads once the function returns here\)`
	case <-ctx.Done():
		wg.Wait()
		return nil
	}
}
