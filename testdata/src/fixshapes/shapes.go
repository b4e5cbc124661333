// Package fixshapes holds the shapes whose fixes once did not compile or
// left code go vet rejects: each fix here must build, pass vet, and leave
// nothing for a second run.
package fixshapes

import (
	"context"
	"errors"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func work(ctx context.Context, i int) error { return ctx.Err() }

// A WaitGroup owner drains an error channel: the await site is where the
// channel's errors are read, not wg.Wait().
func drainAfterWait(ctx context.Context, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := work(ctx, i)
			if errors.Is(err, context.Canceled) {
				errc <- nil // want `sending nil swallows context\.Canceled`
				return
			}
			errc <- err
			if err != nil {
				cancel()
			}
		}()
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

// The same under wg.Go.
func drainAfterGo(ctx context.Context, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			err := work(ctx, i)
			if errors.Is(err, context.Canceled) {
				errc <- nil // want `sending nil swallows context\.Canceled`
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

// An empty case falls through to the trailing return nil.
func emptyCase(ctx context.Context, in <-chan int) error {
	select {
	case <-ctx.Done():
	case v := <-in:
		if err := work(ctx, v); err != nil {
			return err
		}
	}
	return nil // want `returning nil once the context is done hides the cancellation`
}

// The same in a loop with a label.
func emptyCaseLoop(ctx context.Context, in <-chan int) error {
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case v, ok := <-in:
			if !ok {
				return nil
			}
			if err := work(ctx, v); err != nil {
				return err
			}
		}
	}
	return nil // want `returning nil once the context is done hides the cancellation`
}

// An owner guard where the received context is reassigned: no name is
// left for the parent, and a guard on ctx would contradict the test.
func shadowedParent(ctx context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	err := work(ctx, 0)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // negative: the function's own timeout (owner; strict only)
	}
	return err
}

// A deferred clear with several results and a label in the body.
func deferredMulti(ctx context.Context, items []int) (n int, err error) {
	defer func() {
		if errors.Is(err, context.Canceled) {
			err = nil // want `setting the error to nil swallows context\.Canceled`
		}
	}()
outer:
	for _, it := range items {
		for range 2 {
			if it < 0 {
				continue outer
			}
			if err := work(ctx, it); err != nil {
				return n, err
			}
		}
		n++
	}
	return n, nil
}

// The empty case is the only way to the trailing return: a return added
// in the case would leave it unreachable, so the return itself reports.
func emptyCaseLaunched(ctx context.Context, in <-chan int) error {
	var g errgroup.Group
	g.Go(func() error {
		select {
		case <-ctx.Done():
		case v := <-in:
			return work(ctx, v)
		}
		return nil // want `returning nil once the context is done hides the cancellation`
	})
	return g.Wait()
}

// Two waits in a row whose done cases both fall through to one return:
// a return in one case would leave the other's nil, so no fix is offered.
func twoWaits(ctx context.Context, first, second <-chan struct{}, stop func()) error {
	if err := work(ctx, 0); err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		stop()
	case <-first:
	}
	select {
	case <-ctx.Done():
		stop()
	case <-second:
	}
	return nil // want `returning nil once the context is done hides the cancellation; return ctx\.Err\(\) and ignore it in the caller that cancels the context \(no automatic fix: the nil here answers cancellation tests in more than one place\)`
}
