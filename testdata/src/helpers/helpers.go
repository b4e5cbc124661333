package helpers // want package:"cancellation helpers"

// This package holds cancellation predicates and suppressors defined in
// the package that uses them.

import (
	"context"
	"errors"
	"fmt"
	"golang.org/x/sync/errgroup"
)

func work(ctx context.Context) error { return ctx.Err() }

func isCanceled(err error) bool { return errors.Is(err, context.Canceled) } // want isCanceled:`predicate\(error 0: Canceled\)`

func isContextError(err error) bool { // want isContextError:`predicate\(error 0: Canceled\|DeadlineExceeded\)`
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func isCtxErr(err error) bool { // want isCtxErr:`predicate\(error 0: Canceled\|DeadlineExceeded\)`
	return err != nil && isContextError(err) // through another predicate
}

func isStopped(err error) bool { // want isStopped:`predicate\(error 0: Canceled\)`
	if errors.Is(err, context.Canceled) {
		return true
	}
	return false
}

func isDone(ctx context.Context) bool { // want isDone:`predicate\(context 0: Canceled\|DeadlineExceeded\)`
	select {
	case <-ctx.Done():
		return true
	default:
		return false
	}
}

var errHalt = errors.New("halt")

// isHalt is true on cancellation and on another error: a mixed predicate,
// whose callers drop the cancellation with errHalt.
func isHalt(err error) bool { // want isHalt:`predicate\(mixed error 0: Canceled\)`
	return errors.Is(err, context.Canceled) || errors.Is(err, errHalt)
}

func ignoreCanceled(err error) error { // want ignoreCanceled:`suppressor\(error 0: Canceled\)`
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func ignoreContextErrors(err error) error { // want ignoreContextErrors:`suppressor\(error 0: Canceled\|DeadlineExceeded\)`
	if err == nil || isContextError(err) {
		return nil
	}
	return fmt.Errorf("wrapped: %w", err)
}

func ignoreWrapper(err error) error { return ignoreCanceled(err) } // want ignoreWrapper:`suppressor\(error 0: Canceled\)`

// annotate returns nil only for a nil error: not a suppressor.
func annotate(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("annotated: %w", err)
}

func usesPredicate(ctx context.Context) error {
	err := work(ctx)
	if isCanceled(err) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func usesDisjunction(ctx context.Context) error {
	if err := work(ctx); err != nil && !isContextError(err) {
		return err
	}
	return nil // want `returning nil swallows the cancellation`
}

func usesNestedPredicate(ctx context.Context) error {
	err := work(ctx)
	if isCtxErr(err) {
		return nil // want `returning nil swallows the cancellation`
	}
	return err
}

func usesIfPredicate(ctx context.Context) error {
	err := work(ctx)
	if isStopped(err) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func usesContextPredicate(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error {
		for {
			if isDone(ctx) {
				return nil // want `returning nil once the context is done`
			}
			if err := work(ctx); err != nil {
				return err
			}
		}
	})
	_ = g.Wait()
}

func usesMixedHelper(ctx context.Context) error {
	err := work(ctx)
	if isHalt(err) {
		return nil // want `returning nil swallows context\.Canceled; return it and ignore it in the caller that cancels the context \(no automatic fix: the helper also matches errors other than the cancellation\)`
	}
	return err
}

func returnsSuppressor(ctx context.Context) error {
	return ignoreCanceled(work(ctx)) // want `ignoreCanceled turns context\.Canceled into nil; return the error and ignore it in the caller that cancels the context`
}

func returnsSuppressor2(ctx context.Context) (int, error) {
	if err := work(ctx); err != nil {
		return 0, ignoreContextErrors(err) // want `ignoreContextErrors turns the cancellation into nil`
	}
	return 1, nil
}

func returnsWrapper(ctx context.Context) error {
	return ignoreWrapper(work(ctx)) // want `ignoreWrapper turns context\.Canceled into nil`
}

func returnsAnnotate(ctx context.Context) error {
	return annotate(work(ctx)) // negative: annotate passes every failure on
}

func suppressorGuarded(ctx context.Context) error {
	err := work(ctx)
	if ctx.Err() == nil {
		return ignoreCanceled(err) // negative: the parent is live here
	}
	return err
}
