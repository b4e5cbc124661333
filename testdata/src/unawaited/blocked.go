package unawaited

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// The arm of a select that leaves on ctx.Done() leaves the goroutine
// blocked forever on its unbuffered send: only the other arm receives its
// result. A buffer of one lets it finish (gval#107's fix).
func evalWithContext(ctx context.Context, eval func() (int, error)) (int, error) {
	errc := make(chan error)
	var v int
	go func() {
		var err error
		v, err = eval()
		errc <- err
	}()
	select {
	case <-ctx.Done():
		return 0, ctx.Err() // want `returning here leaves the goroutine that sends on errc blocked forever: nothing receives from the unbuffered channel after this; give it room for the result`
	case err := <-errc:
		return v, err
	}
}

// A recover handler the goroutine defers sends too, but only when it
// panicked before its last statement, the one other send.
func evalRecovering(ctx context.Context, eval func() (int, error)) (int, error) {
	var v int
	errCh := make(chan error, 0)
	go func() {
		defer func() {
			if recovered := recover(); recovered != nil {
				errCh <- fmt.Errorf("%v", recovered)
			}
		}()
		result, err := eval()
		v = result
		errCh <- err
	}()
	select {
	case <-ctx.Done():
		return nil2(), ctx.Err() // want `returning here leaves the goroutine that sends on errCh blocked forever`
	case err := <-errCh:
		return v, err
	}
}

func nil2() int { return 0 }

// A timer's arm leaves it just the same.
func withTimeout(d time.Duration, work func() error) error {
	var done chan error
	done = make(chan error)
	go func() { done <- work() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return errors.New("timed out") // want `returning here leaves the goroutine that sends on done blocked forever`
	}
}

// Two sends on one path: a buffer of one would still block the second.
func twoSends(ctx context.Context, a, b func() error) error {
	errc := make(chan error)
	go func() {
		errc <- a()
		errc <- b()
	}()
	select {
	case <-ctx.Done():
		return ctx.Err() // want `returning here leaves the goroutine that sends on errc blocked forever: nothing receives from the unbuffered channel after this; give it room for the result \(no automatic fix: the goroutine may send more than once, or on another channel too\)`
	case err := <-errc:
		if err != nil {
			return err
		}
		return <-errc
	}
}

// A receive the function defers drains it on every way out.
func drainedLater(ctx context.Context, work func() error) error {
	errc := make(chan error)
	go func() { errc <- work() }()
	defer func() { <-errc }()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

// Generic, and in a loop's body: one goroutine per iteration, each
// received before the next unless the context ends.
func eachWithContext[T any](ctx context.Context, items []T, do func(T) error) error {
	for _, it := range items {
		errc := make(chan error)
		go func() {
			errc <- do(it)
		}()
		select {
		case <-ctx.Done():
			return ctx.Err() // want `returning here leaves the goroutine that sends on errc blocked forever`
		case err := <-errc:
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// A send that never waits (select with a default) cannot block: the
// default mode leaves it, as it leaves a buffered channel.
func tryReport(ctx context.Context, work func() error) error {
	errc := make(chan error)
	go func() {
		err := work()
		select {
		case errc <- err:
		default:
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errc:
		return err
	}
}

// Each send ends the goroutine: it sends once on any run, and a buffer of
// one is enough.
func prepareAndCall(ctx context.Context, prepare func() ([]int, error), call func([]int) error) error {
	errCh := make(chan error)
	go func() {
		defer func() {
			if recover() != nil {
				errCh <- errors.New("panicked")
			}
		}()
		in, err := prepare()
		if err != nil {
			errCh <- err
			return
		}
		errCh <- call(in)
	}()
	select {
	case <-ctx.Done():
		return ctx.Err() // want `returning here leaves the goroutine that sends on errCh blocked forever: nothing receives from the unbuffered channel after this; give it room for the result$`
	case err := <-errCh:
		return err
	}
}

// The goroutine reports a failure on one channel and its result on
// another: a receive on either awaits it, and a return before both leaves
// it blocked on whichever it sends to. A buffer on one would not do.
func restore(copyTo func() (int, error), restoreFrom func() error) (int, error) {
	errCh := make(chan error)
	sizeCh := make(chan int)
	go func() {
		n, err := copyTo()
		if err != nil {
			errCh <- err
		} else {
			sizeCh <- n
		}
	}()
	if err := restoreFrom(); err != nil {
		return 0, err // want `returning here leaves the goroutine that sends on errCh blocked forever: nothing receives from the unbuffered channel after this; give it room for the result \(no automatic fix: the goroutine may send more than once, or on another channel too\)`
	}
	select {
	case err := <-errCh:
		return 0, err
	case n := <-sizeCh:
		return n, nil
	}
}

// A server's goroutine reports only its failure: it lives on serving, and
// its send is not what keeps it (-strict's).
func serveUntilClosed(serve func() error, register func() error) error {
	serveErr := make(chan error)
	go func() {
		defer close(serveErr)
		if err := serve(); err != nil {
			serveErr <- err
		}
	}()
	if err := register(); err != nil {
		return err
	}
	return <-serveErr
}

// A fan-out on an unbuffered channel, left on the first failure: the
// goroutines whose results were not taken block forever. How many to
// drain, or how much room to make, is the author's choice.
func fetchAll(urls []string, fetch func(string) error) error {
	errc := make(chan error)
	for _, u := range urls {
		go func() { errc <- fetch(u) }()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err // want `returning here leaves the goroutines that send on errc blocked forever: nothing receives from the unbuffered channel after this; receive their results or give it room for them \(no automatic fix: how many results to receive or make room for is the author's choice\)`
		}
	}
	return nil
}

// The same, collected in a loop that counts nothing itself.
func fetchUntilDone(urls []string, fetch func(string) error) error {
	results := make(chan error)
	for _, u := range urls {
		go func() { results <- fetch(u) }()
	}
	left := len(urls)
	for {
		select {
		case err := <-results:
			if err != nil {
				return err // want `returning here leaves the goroutines that send on results blocked forever`
			}
			left--
			if left == 0 {
				return nil
			}
		}
	}
}

// A goroutine that first waits for its input (a range over a channel the
// function closes later) may never reach its send: what keeps it is the
// input, and a buffer would not free it (podman's log writer). -strict's.
func writeLogs(lines []string, read func(chan<- string) error, write func(string) error) error {
	logCh := make(chan string)
	errCh := make(chan error)
	go func() {
		var err error
		for l := range logCh {
			if err = write(l); err != nil {
				break
			}
		}
		errCh <- err
	}()
	if err := read(logCh); err != nil {
		return err
	}
	close(logCh)
	return <-errCh
}

// One goroutine left blocked by several returns: one finding, at the
// first, the others among its related positions (vitess's test cluster
// shutdown).
func stopWithin(d time.Duration, wait func() error, kill func() error, pidFile func() (int, error)) error {
	exit := make(chan error)
	go func() {
		exit <- wait()
	}()
	select {
	case <-time.After(d):
	case err := <-exit:
		if err == nil {
			return nil
		}
	}
	pid, err := pidFile()
	if err != nil {
		return nil // want `returning here leaves the goroutine that sends on exit blocked forever`
	}
	if pid == 0 {
		return errors.New("no pid")
	}
	return kill()
}
