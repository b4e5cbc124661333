package strict // want package:"cancellation helpers" package:"false successes"

// After a cancellation is observed, the error the function returns must
// carry it. One that does not, and is nil when nothing else failed — what
// the function collected so far, a cleanup call's error, another
// context's Err — reports success: the audit lists it, without a fix (the
// error returned may be a real failure too).

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// A fan-out that stops launching when the context ends and returns what
// the tasks it started reported: nil when they all finished.
func fanOut(ctx context.Context, items []int) error {
	var wg sync.WaitGroup
	errs := make([]error, len(items))
loop:
	for i, it := range items {
		select {
		case <-ctx.Done():
			break loop
		default:
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = step(ctx, it)
		}()
	}
	wg.Wait()
	return errors.Join(errs...) // want `returning an error that may be nil and does not carry the cancellation hides it`
}

func step(ctx context.Context, i int) error { return nil }

type proc struct{ kill func() error }

// The cleanup's error stands in for the cancellation.
func (p *proc) wait(ctx context.Context, exited <-chan error) error {
	select {
	case <-ctx.Done():
		return p.kill() // want `returning an error that may be nil and does not carry the cancellation hides it`
	case err := <-exited:
		return err
	}
}

type session struct{ ctx context.Context }

// One context is observed, another one's Err is returned.
func (s *session) recv(ctx context.Context, msgs <-chan string) (string, error) {
	select {
	case <-s.ctx.Done():
		return "", ctx.Err() // want `returning an error that may be nil and does not carry the cancellation hides it`
	case m := <-msgs:
		return m, nil
	}
}

// Negative: the returned error wraps the cancellation.
func (p *proc) waitWrapped(ctx context.Context, exited <-chan error) error {
	select {
	case <-ctx.Done():
		return fmt.Errorf("stopped: %w", ctx.Err())
	case err := <-exited:
		return err
	}
}

// Negative: the cancellation is joined with the cleanup's error.
func (p *proc) waitJoined(ctx context.Context, exited <-chan error) error {
	select {
	case <-ctx.Done():
		return errors.Join(ctx.Err(), p.kill())
	case err := <-exited:
		return err
	}
}

// waitReady has no error result and returns early when ctx ends: its
// caller cannot tell a ready component from a cancelled wait.
func waitReady(ctx context.Context, ready <-chan struct{}) { // want waitReady:`quits\(context 0\)`
	select {
	case <-ctx.Done():
	case <-ready:
	}
}

func start(ctx context.Context, ready <-chan struct{}, load func() error) error {
	if err := load(); err != nil {
		return err
	}
	waitReady(ctx, ready)
	return nil // want `returning nil once the context is done hides the cancellation`
}

// Negative: the caller checks the context after the wait.
func startChecked(ctx context.Context, ready <-chan struct{}, load func() error) error {
	if err := load(); err != nil {
		return err
	}
	waitReady(ctx, ready)
	return ctx.Err()
}

// pause returns early on cancellation through an if.
func pause(ctx context.Context, steps int) { // want pause:`quits\(context 0\)`
	for range steps {
		if ctx.Err() != nil {
			return
		}
	}
}

func trace(err error) error { return err }

// Negative: a project's wrapper given the cancellation carries it.
func (p *proc) waitTraced(ctx context.Context, exited <-chan error) error {
	select {
	case <-ctx.Done():
		return trace(ctx.Err())
	case err := <-exited:
		return err
	}
}

// The canonical check: the error tested non-nil is ctx.Err() itself, so
// returning it reports the cancellation (go-ethereum's loops end so).
func checkedSteps(ctx context.Context, n int) error {
	for i := 0; i < n && ctx.Err() == nil; i++ {
		if err := work(ctx); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

func checkedFirst(ctx context.Context) error {
	err := ctx.Err()
	if err != nil {
		return err
	}
	return work(ctx)
}

// The audit lists a nil marked for nilerr all the same.
func emitIgnoringCanceled(ctx context.Context, emit func() error) error {
	err := emit()
	if err != nil && ctx.Err() != nil {
		return nil //nolint:nilerr // want `returning nil once the context is done hides the cancellation`
	}
	return err
}

// A context read from a getter (temporal's shard lifecycle context): the
// fix returns the same getter's Err(), which carries the cancellation, so
// a second run reports nothing there.
type shardCtx struct{ ctx context.Context }

func (s *shardCtx) Lifecycle() context.Context { return s.ctx }

func pollShard(ctx context.Context, s *shardCtx, ch <-chan int) (int, error) {
	for {
		select {
		case v := <-ch:
			if v > 0 {
				return v, nil
			}
		case <-s.Lifecycle().Done():
			return 0, nil // want `returning nil once the context is done hides the cancellation`
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func pollShardFixed(ctx context.Context, s *shardCtx, ch <-chan int) (int, error) {
	for {
		select {
		case v := <-ch:
			if v > 0 {
				return v, nil
			}
		case <-s.Lifecycle().Done():
			return 0, s.Lifecycle().Err()
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}
