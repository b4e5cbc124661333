// Package lineagestrict is analysed with -strict: the audit lists every
// place where a cancellation becomes success, and nothing else.
package lineagestrict

import (
	"context"
	"errors"
	"golang.org/x/sync/errgroup"
	"log"
	"services"
	"time"
)

func fetch(ctx context.Context) (string, error) { return "", ctx.Err() }

// Below a guarded conjunction nothing is known about ctx being done.
func conjunction(ctx context.Context) (string, error) {
	r, err := fetch(ctx)
	if errors.Is(err, context.Canceled) && ctx.Err() == nil {
		return "", nil // negative: guarded: the parent is live
	}
	if err != nil {
		return "", err
	}
	return r, nil // negative: nothing is known here about ctx being done
}

// A task that never reports a failure still turns the cancellation into
// success.
func neverFails(ctx context.Context, tick <-chan struct{}, show func()) {
	var g errgroup.Group
	g.Go(func() error {
		for {
			select {
			case <-tick:
				show()
			case <-ctx.Done():
				return nil // want `returning nil once the context is done hides the cancellation`
			}
		}
	})
	_ = g.Wait()
}

// A wait that gives up alike on its own timer and on cancellation.
func timerWait(ctx context.Context, ready <-chan struct{}) error {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-ready:
		return nil
	case <-t.C:
		return nil
	case <-ctx.Done():
		return nil // want `returning nil once the context is done hides the cancellation`
	}
}

// A done observation on a context the function derived: it owns the
// timeout, not the parent's cancellation that the derived context carries.
func derivedDone(ctx context.Context, results <-chan string) (string, error) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	select {
	case <-tctx.Done():
		return "", nil // want `the cancellation is ignored without checking that the parent context is still live`
	case r := <-results:
		if r == "" {
			return "", errors.New("empty")
		}
		return r, nil
	}
}

// The canceled result tells the caller, in every mode.
func pollOnce(ctx context.Context, in <-chan int) (v int, canceled bool, err error) {
	select {
	case <-ctx.Done():
		return 0, true, nil // negative: canceled is true only here
	case v := <-in:
		if v < 0 {
			return 0, false, errors.New("negative")
		}
		return v, false, nil
	}
}

// Without the flag, the audit lists it.
func pollOnceBare(ctx context.Context, in <-chan int) (int, error) {
	select {
	case <-ctx.Done():
		return 0, nil // want `returning nil once the context is done hides the cancellation`
	case v := <-in:
		if v < 0 {
			return 0, errors.New("negative")
		}
		return v, nil
	}
}

// The parent is found live just before the derived context is observed
// done, with nothing in between that waits: the derived context ended by
// its own cancel.
func derivedAfterParentCheck(ctx context.Context, dial func(context.Context, func()) error) error {
	hctx, hcancel := context.WithCancel(ctx)
	if err := dial(hctx, hcancel); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if hctx.Err() != nil {
		return nil // negative: guarded by the parent check just before
	}
	return nil
}

// The received context is overwritten by the derived one: no name is left
// for the parent, and a guard on ctx would contradict the test.
func shadowedParent(ctx context.Context, d time.Duration) error {
	var cancel context.CancelFunc
	ctx, cancel = context.WithTimeout(ctx, d)
	defer cancel()
	_, err := fetch(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // want `context\.DeadlineExceeded is ignored without checking that the parent context is still live \(no automatic fix: no name for the parent context is in scope\)`
	}
	return err
}

// Shadowed by a new variable: the parameter is out of reach there too.
func shadowedByDefine(ctx context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	_, err := fetch(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // want `context\.DeadlineExceeded is ignored without checking that the parent context is still live \(no automatic fix: no name for the parent context is in scope\)`
	}
	return err
}

type lifecycle struct{ ctx context.Context }

// Three ways to give up in one blocking select: that one Done case was not
// taken proves nothing about another's context.
func longPoll(ctx context.Context, events <-chan int, life *lifecycle) (int, error) {
	pollCtx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	n := 0
	for {
		select {
		case ev := <-events:
			if ev < 0 {
				return n, errors.New("negative event")
			}
			if n++; n > 10 {
				return n, nil
			}
		case <-pollCtx.Done():
			return n, nil // want `the cancellation is ignored without checking that the parent context is still live`
		case <-life.ctx.Done():
			return n, nil // want `returning nil once the context is done hides the cancellation`
		case <-ctx.Done():
			return n, nil // want `returning nil once the context is done hides the cancellation`
		}
	}
}

// A running callback handed to a framework that makes its contexts: its
// nil on stop is the framework's contract, which only the audit lists.
type service struct{ events <-chan int }

func (s *service) running(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation; .*\(no automatic fix: the function is handed to a framework of another package, whose stop contract its nil is\)`
		case ev := <-s.events:
			if ev < 0 {
				return errors.New("negative event")
			}
		}
	}
}

func (s *service) register() {
	services.NewBasicService(nil, s.running, nil)
}

// The same contract one pass-through call down: the audit lists Run too.
type consumer struct{ records <-chan int }

func (c *consumer) running(ctx context.Context) error {
	return c.Run(ctx)
}

func (c *consumer) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation; .*\(no automatic fix: the function is handed to a framework of another package, whose stop contract its nil is\)`
		case v := <-c.records:
			if v < 0 {
				return errors.New("negative record")
			}
		}
	}
}

func (c *consumer) register() {
	services.NewBasicService(nil, c.running, nil)
}

// A task whose group's every wait only logs: the audit lists it.
func monitorLogs(ctx context.Context, resize <-chan int) {
	var eg errgroup.Group
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
}
