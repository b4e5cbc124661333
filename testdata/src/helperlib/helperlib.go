package helperlib // want package:"cancellation helpers"

// This package defines cancellation helpers that other packages use: the
// analyzer exports them as facts.

import (
	"context"
	"errors"
)

type canceled interface{ Canceled() }

func isInterface[T any](err error) bool {
	_, ok := err.(T)
	return ok
}

// IsCanceled is errdefs' shape: context.Canceled, or an error of the
// package's canceled class. It does not cover DeadlineExceeded.
func IsCanceled(err error) bool { // want IsCanceled:`predicate\(error 0: Canceled\)`
	return errors.Is(err, context.Canceled) || isInterface[canceled](err)
}

// CanceledByCaller holds only once stopCtx is done: it carries a guard.
func CanceledByCaller(stopCtx context.Context, err error) bool { // want CanceledByCaller:`predicate\(error 1: Canceled\|DeadlineExceeded; guard 0\)`
	if stopCtx.Err() == nil || err == nil {
		return false
	}
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

var errRetry = errors.New("retry")

// IsHalt is true on cancellation or on other conditions: no predicate.
func IsHalt(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return true
	}
	return err != nil && !errors.Is(err, errRetry)
}

// IgnoreCanceled maps cancellation to nil.
func IgnoreCanceled(err error) error { // want IgnoreCanceled:`suppressor\(error 0: Canceled\)`
	if IsCanceled(err) {
		return nil
	}
	return err
}
