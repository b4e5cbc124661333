package precision

import (
	"context"
	"errors"
	"log"

	"golang.org/x/sync/errgroup"
)

// Tasks whose group's every wait only logs: the nil changes a log line.

func monitor(ctx context.Context, resize <-chan int, call func(context.Context) error) error {
	eg, ctx := errgroup.WithContext(ctx)
	defer func() {
		if err := eg.Wait(); err != nil && !errors.Is(err, context.Canceled) {
			log.Printf("monitor: %v", err)
		}
	}()
	eg.Go(func() error {
		for {
			select {
			case <-ctx.Done():
				return nil // negative: every wait of eg only logs
			case r := <-resize:
				if r < 0 {
					return errors.New("bad size")
				}
			}
		}
	})
	return call(ctx)
}

func monitorTwice(ctx context.Context, resize <-chan int, tty bool) {
	var eg errgroup.Group
	eg.Go(func() error {
		select {
		case <-ctx.Done():
			return nil // negative: both waits only log
		case <-resize:
			return errors.New("resized")
		}
	})
	if tty {
		defer func() {
			if err := eg.Wait(); err != nil {
				log.Printf("tty: %v", err)
			}
		}()
		return
	}
	err := eg.Wait()
	if err != nil {
		log.Print(err)
	}
}

// A wait that drops the error is a wait written only to wait.
func monitorDrops(ctx context.Context, resize <-chan int) {
	var eg errgroup.Group
	eg.Go(func() error {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case <-resize:
			return errors.New("resized")
		}
	})
	_ = eg.Wait()
}

// One wait logs, another returns what it waited for.
func monitorReturns(ctx context.Context, resize <-chan int, quiet bool) error {
	var eg errgroup.Group
	eg.Go(func() error {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case <-resize:
			return errors.New("resized")
		}
	})
	if quiet {
		if err := eg.Wait(); err != nil {
			log.Print(err)
		}
		return nil
	}
	return eg.Wait()
}

// The wait's error decides more than a log line.
func monitorCounts(ctx context.Context, resize <-chan int, failures *int) {
	var eg errgroup.Group
	eg.Go(func() error {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation.*\(no automatic fix: a caller logs or records every error it gets as a failure, and would do so at each stop\)`
		case <-resize:
			return errors.New("resized")
		}
	})
	if err := eg.Wait(); err != nil {
		log.Print(err)
		*failures++
	}
}

// The condition calls more than an errors test.
func monitorRetries(ctx context.Context, resize <-chan int, retry func() bool) {
	var eg errgroup.Group
	eg.Go(func() error {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case <-resize:
			return errors.New("resized")
		}
	})
	if err := eg.Wait(); err != nil && retry() {
		log.Print(err)
	}
}

// The group is handed on: whoever receives it may wait and act.
func monitorHanded(ctx context.Context, resize <-chan int, finish func(*errgroup.Group) error) error {
	eg := &errgroup.Group{}
	eg.Go(func() error {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		case <-resize:
			return errors.New("resized")
		}
	})
	if err := eg.Wait(); err != nil {
		log.Print(err)
	}
	return finish(eg)
}

// The wait lands in a variable of the enclosing function, which returns
// it: more than a log line, though the literal holding the wait shows no
// other use.
func startOnce(ctx context.Context, once func(func()), sources []<-chan int) (retErr error) {
	once(func() {
		var eg errgroup.Group
		for _, src := range sources {
			eg.Go(func() error {
				select {
				case <-ctx.Done():
					return nil // want `returning nil once the context is done hides the cancellation`
				case v := <-src:
					if v < 0 {
						return errors.New("bad source")
					}
					return nil
				}
			})
		}
		retErr = eg.Wait()
	})
	return retErr
}

// The task held in a variable, in a generic function: the same group,
// the same logging wait.
func monitorEach[T any](ctx context.Context, items []T, send func(T) error) {
	var eg errgroup.Group
	for _, it := range items {
		task := func() error {
			select {
			case <-ctx.Done():
				return nil // negative: the only wait logs
			default:
				return send(it)
			}
		}
		eg.Go(task)
	}
	if err := eg.Wait(); err != nil {
		log.Printf("send: %v", err)
	}
}
