// Package helperuse holds tasks that test cancellation through helpers of
// other packages.
package helperuse

import (
	"context"
	"errors"

	"helperlib"
	"helperwrap"
)

func work(ctx context.Context) error { return ctx.Err() }

func viaPredicate(ctx context.Context) error {
	err := work(ctx)
	if helperlib.IsCanceled(err) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func viaWrappedPredicate(ctx context.Context) error {
	if err := work(ctx); err != nil && !helperwrap.IsStopped(err) {
		return err
	}
	return nil // want `returning nil swallows context\.Canceled`
}

func deadlineNotCovered(ctx context.Context) error {
	err := work(ctx)
	switch {
	case helperlib.IsCanceled(err):
		return err
	case errors.Is(err, context.DeadlineExceeded):
		return nil // want `returning nil swallows context\.DeadlineExceeded`
	default:
		return err
	}
}

func viaSuppressor(ctx context.Context) error {
	return helperlib.IgnoreCanceled(work(ctx)) // want `IgnoreCanceled turns context\.Canceled into nil`
}

func viaWrappedSuppressor(ctx context.Context) (int, error) {
	if err := work(ctx); err != nil {
		return 0, helperwrap.Quiet(err) // want `Quiet turns context\.Canceled into nil`
	}
	return 1, nil
}

func guardTravels(ctx context.Context) error {
	err := work(ctx)
	if helperlib.IsCanceled(err) && !helperlib.CanceledByCaller(ctx, err) {
		return nil // negative: CanceledByCaller false proves ctx live: the helper carries the guard
	}
	return err
}

func mixedHelper(ctx context.Context) error {
	err := work(ctx)
	if helperlib.IsHalt(ctx, err) {
		return nil // negative: IsHalt is no cancellation predicate
	}
	return err
}
