// Package ctxparam holds functions that take a context and return an
// error: task bodies whether or not anybody launches them.
package ctxparam

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"sync"
)

func call(ctx context.Context) error { return ctx.Err() }

var errStarted = errors.New("started")

// waitForSync is the shape of a cache sync that treats an aborted sync as success.
func waitForSync(ctx context.Context, started <-chan error) error {
	select {
	case err := <-started:
		return err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return fmt.Errorf("timed out waiting for sync")
	}
}

func negatedForm(ctx context.Context) error {
	if err := call(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil // want `returning nil swallows context\.Canceled`
}

func negatedSentinel(ctx context.Context) error {
	err := call(ctx)
	if err != nil && err != context.Canceled && err != context.DeadlineExceeded {
		return err
	}
	return nil // want `returning nil swallows the cancellation`
}

func assignNil(ctx context.Context) error {
	err := call(ctx)
	if errors.Is(err, context.Canceled) {
		err = nil // want `setting the error to nil swallows context\.Canceled`
	}
	return err
}

func deferredNamed(ctx context.Context) (err error) {
	defer func() {
		if errors.Is(err, context.Canceled) {
			err = nil // want `setting the error to nil swallows context\.Canceled`
		}
	}()
	return call(ctx)
}

func bareReturn(ctx context.Context) (n int, err error) {
	if e := call(ctx); e != nil {
		if errors.Is(e, context.Canceled) {
			return // want `returning nil swallows context\.Canceled`
		}
		return 0, e
	}
	return 1, nil
}

func nilVariable(ctx context.Context) error {
	var result error
	if err := call(ctx); !errors.Is(err, context.Canceled) {
		result = err
	}
	return result // want `returning nil swallows context\.Canceled`
}

func multiResult(ctx context.Context) (bool, error) {
	if err := call(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			return false, nil // want `returning nil swallows context\.Canceled`
		}
		return false, err
	}
	return true, nil
}

// startOnce is the shape of a start-up that records the failure in a
// closure run by sync.Once and returns it afterwards.
type group struct {
	once    sync.Once
	started chan struct{}
}

func (g *group) startOnce(ctx context.Context) error {
	var retErr error
	g.once.Do(func() {
		for {
			select {
			case <-ctx.Done():
				if err := ctx.Err(); !errors.Is(err, context.Canceled) {
					retErr = err
				}
			case <-g.started:
				return
			}
		}
	})
	return retErr // want `returning nil swallows context\.Canceled`
}

func contextErrVar(ctx context.Context) error {
	if err := call(ctx); err != nil {
		cerr := ctx.Err()
		if errors.Is(cerr, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	}
	return nil
}

func isContextErr(ctx context.Context) error {
	err := call(ctx)
	if errors.Is(err, ctx.Err()) {
		return nil // want `returning nil swallows the cancellation`
	}
	return err
}

func equalsContextErr(ctx context.Context) error {
	err := call(ctx)
	if err != nil && err == ctx.Err() {
		return nil // want `returning nil swallows the cancellation`
	}
	return err
}

func boolVariable(ctx context.Context) error {
	err := call(ctx)
	canceled := errors.Is(err, context.Canceled)
	if canceled {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func eofOrCanceled(ctx context.Context) error {
	err := call(ctx)
	if err == io.EOF || errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

type store struct{ ctx context.Context }

func (s *store) noContextParam() error {
	if err := call(context.Background()); errors.Is(err, context.Canceled) {
		return nil // negative: no context parameter and not launched: not a task body
	}
	return nil
}

func noErrorResult(ctx context.Context) {
	if err := call(ctx); errors.Is(err, context.Canceled) {
		return // negative: no error result: nothing to report to
	}
	log.Print("done")
}

func returnsCause(ctx context.Context) error {
	if err := call(ctx); errors.Is(err, context.Canceled) {
		return context.Cause(ctx) // negative: the cause is returned
	}
	return nil
}

func logGating(ctx context.Context) error {
	err := call(ctx)
	if err != nil && !errors.Is(err, context.Canceled) {
		log.Print("unexpected: ", err) // negative: the test only gates logging; every error ends alike below
	}
	return nil
}

func allDroppedAlike(ctx context.Context) error {
	failures := 0
	if err := call(ctx); err != nil {
		if err == context.DeadlineExceeded || err == context.Canceled {
			return nil // negative: other failures also end in nil, only counted
		}
		failures++
	}
	return nil
}

var errQueryCanceled = errors.New("query canceled")

func mapsToTypedError(ctx context.Context) error {
	err := call(ctx)
	if errors.Is(err, context.Canceled) {
		return errQueryCanceled // negative: mapped to another non-nil error
	}
	return err
}

func logLevelOnly(ctx context.Context) error {
	if err := call(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			log.Print("debug: ", err)
		} else {
			log.Print("warn: ", err)
		}
		return err // negative: returned on both branches
	}
	return nil
}

func assignedButReturnedAnyway(ctx context.Context) error {
	err := call(ctx)
	if errors.Is(err, context.Canceled) {
		log.Print("canceled")
	}
	result := err
	return result // negative: the variable holds the error on both paths
}

func unknownResult(ctx context.Context, next func() error) error {
	if err := call(ctx); errors.Is(err, context.Canceled) {
		return next() // negative: not certainly nil
	}
	return nil
}
