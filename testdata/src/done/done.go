// Package done holds generic "the context is done" observations: reported
// in launched tasks, and elsewhere only where completion also returns a
// literal nil from a function whose sole result is the error.
package done

import (
	"context"
	"errors"
	"golang.org/x/sync/errgroup"
	"io"
	"time"
)

type transport struct{}

func (t *transport) Close() {}

func dial(ctx context.Context) (*transport, error) { return &transport{}, nil }

// createTransport is the shape of a connect step that reports success when
// its context was cancelled meanwhile.
func createTransport(ctx context.Context) error {
	tr, err := dial(ctx)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		tr.Close()
		return nil // want `returning nil once the context is done hides the cancellation`
	}
	return nil
}

// healthCheck is the shape of a long-running check loop that ends with nil.
func healthCheck(ctx context.Context, recv func() (bool, error), backoff func(context.Context, int) bool) error {
	tries := 0
	for {
		if tries > 0 && !backoff(ctx, tries) {
			return nil
		}
		tries++
		if ctx.Err() != nil {
			return nil // want `returning nil once the context is done`
		}
		healthy, err := recv()
		if err != nil {
			continue
		}
		if !healthy {
			return errors.New("unhealthy")
		}
	}
}

func launchedReceive(ctx context.Context, shutdown func() error) {
	var g errgroup.Group
	g.Go(func() error {
		<-ctx.Done()
		if err := shutdown(); err != nil {
			return err
		}
		return nil // want `returning nil once the context is done`
	})
	_ = g.Wait()
}

func progressTicker(ctx context.Context, tick <-chan time.Time, show func()) {
	var g errgroup.Group
	g.Go(func() error {
		for {
			select {
			case <-tick:
				show()
			case <-ctx.Done():
				return nil // negative: the task never reports a failure: nothing to tell apart
			}
		}
	})
	_ = g.Wait()
}

func launchedSleep(ctx context.Context, d time.Duration, step func() error) {
	var g errgroup.Group
	g.Go(func() error {
		for {
			select {
			case <-ctx.Done():
			case <-time.After(d):
			}
			if err := step(); err != nil {
				return err
			}
			return nil // want `returning nil once the context is done`
		}
	})
	_ = g.Wait()
}

func doneChannelVar(ctx context.Context, events <-chan int) {
	done := ctx.Done()
	var g errgroup.Group
	g.Go(func() error {
		for {
			select {
			case <-done:
				return nil // want `returning nil once the context is done`
			case ev := <-events:
				if ev < 0 {
					return errors.New("bad event")
				}
			}
		}
	})
	_ = g.Wait()
}

// longPoll's other result tells its caller what happened: strict only.
func longPoll(ctx context.Context, updates <-chan string) (string, error) {
	select {
	case <-ctx.Done():
		return "", nil // negative: the empty response tells the caller (strict reports it)
	case u := <-updates:
		return u, nil
	}
}

// serve passes on an error that may be nil: no certainly-nil completion.
func serve(ctx context.Context, errc <-chan error) error {
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return nil // negative: completion returns an unknown error (strict reports it)
	}
}

// runUntilCancelled is a service loop: its nil can only mean "cancelled".
func runUntilCancelled(ctx context.Context, events <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return nil // negative: service loop (strict reports it)
		case ev := <-events:
			if ev < 0 {
				return errors.New("bad event")
			}
		}
	}
}

func returnsErr(ctx context.Context, events <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err() // negative: the cancellation is returned
		case <-events:
		}
	}
}

func ownedContext(parent context.Context, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-stop
		cancel()
	}()
	if ctx.Err() != nil {
		return nil // negative: this function cancels ctx itself (owner)
	}
	return nil
}

func deferOnlyCancel(ctx context.Context, events <-chan int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return nil // negative: a service loop; the bare defer cancel() does not make it an owner (strict reports it)
		case ev := <-events:
			if ev < 0 {
				return errors.New("bad event")
			}
		}
	}
}

// handleSignals is a service loop behind a precondition guard.
func handleSignals(ctx context.Context, signals <-chan int, kill func(int) error) error {
	if signals == nil {
		return nil
	}
	for {
		select {
		case <-ctx.Done():
			return nil // negative: a service loop; the leading guard says "nothing to do", not "done" (strict reports it)
		case sig := <-signals:
			if err := kill(sig); err != nil {
				return err
			}
		}
	}
}

// relay abandons a send when the context is done, and goes on receiving.
func relay(ctx context.Context, recv func() (int, error), out chan<- int) {
	var g errgroup.Group
	g.Go(func() error {
		for {
			msg, err := recv()
			if err != nil {
				if errors.Is(err, io.EOF) {
					return nil // negative: the end of the stream; the done case only abandoned a send
				}
				return err
			}
			select {
			case <-ctx.Done():
			case out <- msg:
			}
		}
	})
	_ = g.Wait()
}

// bestEffort waits for the first run, its own deadline or cancellation,
// and goes on alike after each.
func bestEffort(ctx context.Context, firstRun <-chan struct{}, deadline *time.Timer, load func() error) error {
	if err := load(); err != nil {
		return err
	}
	select {
	case <-firstRun:
		return nil
	case <-deadline.C:
		return nil
	case <-ctx.Done():
		return nil // negative: cancellation ends the wait like the deadline does
	}
}

// deadlineFails waits like bestEffort, but its deadline is a failure.
func deadlineFails(ctx context.Context, exited <-chan struct{}, deadline <-chan time.Time) error {
	select {
	case <-exited:
		return nil
	case <-deadline:
		return errors.New("scripts did not exit")
	case <-ctx.Done():
		return nil // want `returning nil once the context is done`
	}
}

// syncAll stops sending when the context is done, and reports success.
func syncAll(ctx context.Context, metas []int, out chan<- int, fetch func() error) error {
	if err := fetch(); err != nil {
		return err
	}
	for _, m := range metas {
		select {
		case <-ctx.Done():
		case out <- m:
		}
	}
	return nil // want `returning nil once the context is done`
}

// reportAfterDone notices the cancellation, stops adding, and hands the
// done context to the final save, whose error it returns: save reports the
// cancellation itself, so its nil means the work was saved regardless.
func reportAfterDone(ctx context.Context, items []string, save func(context.Context, []string) error) {
	var g errgroup.Group
	g.Go(func() error {
		var kept []string
		for _, it := range items {
			select {
			case <-ctx.Done():
				break
			default:
			}
			kept = append(kept, it)
		}
		if err := save(ctx, kept); err != nil {
			return err
		}
		return nil
	})
	_ = g.Wait()
}

// saveIgnored hands the done context on but drops the callee's error.
func saveIgnored(ctx context.Context, open func() error, save func(context.Context) error) {
	var g errgroup.Group
	g.Go(func() error {
		if err := open(); err != nil {
			return err
		}
		<-ctx.Done()
		save(ctx)
		return nil // want `returning nil once the context is done`
	})
	_ = g.Wait()
}

// slots is a counting semaphore whose waiters are woken through a channel.
type slots struct{ waiters []chan struct{} }

func (s *slots) dequeue(ch chan struct{}) {}

// acquire gives up when its context is done, unless the slot was granted
// meanwhile: then it keeps the slot and reports success, which is true.
func (s *slots) acquire(ctx context.Context) error {
	granted := make(chan struct{})
	s.waiters = append(s.waiters, granted)
	select {
	case <-ctx.Done():
		err := ctx.Err()
		select {
		case <-granted:
			err = nil
		default:
			s.dequeue(granted)
		}
		return err
	case <-granted:
		return nil
	}
}

// waitFlushed drops the cancellation when an unrelated flush signal is
// ready: that signal is not the operation completing.
func waitFlushed(ctx context.Context, flushed <-chan struct{}, work func(context.Context) error) {
	var g errgroup.Group
	g.Go(func() error {
		if err := work(ctx); err != nil {
			return err
		}
		<-ctx.Done()
		err := ctx.Err()
		select {
		case <-flushed:
			err = nil // want `setting the error to nil once the context is done hides the cancellation`
		default:
		}
		return err
	})
	_ = g.Wait()
}
