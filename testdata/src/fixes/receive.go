package fixes

import (
	"context"
	"errors"
)

// collect ranges over the results.
func collect(parent context.Context, urls []string) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	errc := make(chan error, len(urls))
	for _, u := range urls {
		go func() {
			err := fetch(ctx, u)
			if errors.Is(err, context.Canceled) {
				errc <- nil // want `sending nil swallows context\.Canceled`
				return
			}
			if err != nil {
				cancel()
			}
			errc <- err
		}()
	}
	var firstErr error
	for err := range errc {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return firstErr
}

// assigned receives into a variable and selects on it.
func assigned(parent context.Context, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		if err := fetch(ctx, "a"); err != nil && !errors.Is(err, context.Canceled) {
			errc <- err
			return
		}
		errc <- nil // want `sending nil swallows context\.Canceled`
	}()
	select {
	case err := <-errc:
		return err
	case <-stop:
		cancel()
		return nil
	}
}

// received receives into a variable with :=.
func received(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	errc := make(chan error, 1)
	go func() {
		err := fetch(ctx, "a")
		if errors.Is(err, context.Canceled) {
			errc <- nil // want `sending nil swallows context\.Canceled`
			return
		}
		errc <- err
	}()
	cancel()
	err := <-errc
	return err
}
