// Package goroutine holds tasks started by go statements, including those
// that report through a channel instead of an error result.
package goroutine

import (
	"context"
	"errors"
	"log"
	"sync"
)

func work(ctx context.Context) error { return ctx.Err() }

func sendsNil(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() {
		err := work(ctx)
		if errors.Is(err, context.Canceled) {
			errc <- nil // want `sending nil swallows context\.Canceled; send the error and ignore it in the caller that cancels the context`
			return
		}
		errc <- err
	}()
	return <-errc
}

func returnsWithoutSend(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() {
		err := work(ctx)
		if errors.Is(err, context.Canceled) {
			return // want `returning without a send swallows context\.Canceled`
		}
		errc <- err
	}()
	return <-errc
}

func doneSendsNil(ctx context.Context, jobs <-chan int) error {
	errc := make(chan error, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				errc <- nil // want `sending nil once the context is done hides the cancellation`
				return
			case j, ok := <-jobs:
				if !ok {
					errc <- nil
					return
				}
				if j < 0 {
					errc <- errors.New("negative job")
					return
				}
			}
		}
	}()
	return <-errc
}

func errorStream(ctx context.Context, jobs <-chan int) error {
	errc := make(chan error, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				errc <- nil // negative: the channel carries only failures otherwise: it runs until cancelled (strict reports it)
				return
			case j := <-jobs:
				if j < 0 {
					errc <- errors.New("negative job")
					return
				}
			}
		}
	}()
	return <-errc
}

func awaiterWatchesContext(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() {
		err := work(ctx)
		if errors.Is(err, context.Canceled) {
			return // negative: the awaiter selects on ctx.Done() itself
		}
		errc <- err
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

type server struct{}

func (s *server) serve(ctx context.Context) error {
	if err := work(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil // want `returning nil swallows context\.Canceled`
}

func startMethod(ctx context.Context, s *server) {
	go s.serve(ctx)
}

func namedFunc(ctx context.Context) {
	go loop(ctx) // go discards loop's error: nobody hears of the nil
}

func loop(ctx context.Context) error {
	for {
		if err := work(ctx); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil // negative: its only caller discards the error (strict reports the service loop)
			}
			return err
		}
	}
}

func noErrorResult(ctx context.Context) {
	go func() {
		if err := work(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Print(err) // negative: no error result and no result channel: nobody hears of it
		}
	}()
}

func sendsOnlyFailures(ctx context.Context, n int) error {
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(ctx); err != nil && !errors.Is(err, context.Canceled) {
				errc <- err
			}
		}() // want `returning without a send swallows context\.Canceled`
	}
	wg.Wait()
	close(errc)
	return <-errc
}

func sendsAlways(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() {
		err := work(ctx)
		if errors.Is(err, context.Canceled) {
			log.Print("canceled")
		}
		errc <- err // negative: the cancellation is sent like any failure
	}()
	return <-errc
}

func sendsCtxErr(ctx context.Context, jobs <-chan int) error {
	errc := make(chan error, 1)
	go func() {
		select {
		case <-ctx.Done():
			errc <- ctx.Err() // negative: the context's error is sent
		case <-jobs:
			errc <- nil
		}
	}()
	return <-errc
}

func notAChannelOfErrors(ctx context.Context) int {
	done := make(chan bool, 1)
	go func() {
		if errors.Is(work(ctx), context.Canceled) {
			done <- false // negative: a channel of bool carries no error
			return
		}
		done <- true
	}()
	if <-done {
		return 1
	}
	return 0
}

type event struct{}

// subscribe hands its channels to the caller: the cancellation reaches it
// as a nil, which reads as "the source ended".
func subscribe(ctx context.Context, source func(context.Context) (event, error)) (<-chan event, <-chan error) {
	evc, errc := make(chan event), make(chan error, 1)
	go func() {
		for {
			ev, err := source(ctx)
			if err != nil {
				if errors.Is(err, context.Canceled) {
					errc <- nil // want `sending nil swallows context\.Canceled`
					return
				}
				errc <- err
				return
			}
			evc <- ev
		}
	}()
	return evc, errc
}

type stream struct{ errc chan error }

func (s *stream) start(ctx context.Context) {
	go func() {
		if err := work(ctx); !errors.Is(err, context.Canceled) {
			s.errc <- err
		}
	}() // want `returning without a send swallows context\.Canceled`
}
