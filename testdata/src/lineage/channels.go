package lineage

import (
	"context"
	"errors"
	"sync"
)

// The channel is returned: the caller reads what the goroutine sends.
func returnedChannel(ctx context.Context, v int) <-chan error {
	errc := make(chan error, 1)
	go func() {
		err := process(ctx, v)
		if errors.Is(err, context.Canceled) {
			errc <- nil // want `sending nil swallows context\.Canceled`
			return
		}
		errc <- err
	}()
	return errc
}

// The channel was handed in by the caller.
func channelParam(ctx context.Context, v int, errc chan<- error) {
	go func() {
		err := process(ctx, v)
		if errors.Is(err, context.Canceled) {
			err = nil // want `setting the error to nil swallows context\.Canceled`
		}
		errc <- err
	}()
}

type worker struct {
	errc chan error
}

// The channel is a field: whoever holds the worker reads it.
func (w *worker) start(ctx context.Context, v int) {
	go func() {
		err := process(ctx, v)
		if errors.Is(err, context.Canceled) {
			w.errc <- nil // want `sending nil swallows context\.Canceled`
			return
		}
		w.errc <- err
	}()
}

// A failure-only channel: failures are sent, completion sends nothing,
// and so does the cancellation, which is dropped where failures are not.
func failureOnly(ctx context.Context, items []int) error {
	errc := make(chan error, len(items))
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := process(ctx, it)
			if errors.Is(err, context.Canceled) {
				return // want `returning without a send swallows context\.Canceled`
			}
			if err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		return err
	}
	return nil
}

// The same under wg.Go, sending nil on cancellation.
func failureOnlyGo(ctx context.Context, items []int) error {
	errc := make(chan error, len(items))
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() {
			if err := process(ctx, it); err != nil {
				if errors.Is(err, context.Canceled) {
					errc <- nil // want `sending nil swallows context\.Canceled`
					return
				}
				errc <- err
			}
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

// Every failure is dropped alike: no difference, no finding.
func dropsAll(ctx context.Context, v int) <-chan error {
	errc := make(chan error, 1)
	go func() {
		if err := process(ctx, v); err != nil {
			if errors.Is(err, context.Canceled) {
				return // negative: other failures are not sent either
			}
			return
		}
		errc <- nil
	}()
	return errc
}
