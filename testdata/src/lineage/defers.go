package lineage

import (
	"context"
	"errors"
)

// A deferred closure clears the named result: reported where it clears.
func deferredClear(ctx context.Context) (err error) {
	defer func() {
		if errors.Is(err, context.Canceled) {
			err = nil // want `setting the error to nil swallows context\.Canceled`
		}
	}()
	return process(ctx, 1)
}

// With several results and another variable returned.
func deferredClearMulti(ctx context.Context) (n int, err error) {
	defer func() {
		if err != nil && errors.Is(err, context.Canceled) {
			err = nil // want `setting the error to nil swallows context\.Canceled`
		}
	}()
	r, ferr := fetch(ctx)
	if ferr != nil {
		return 0, ferr
	}
	return len(r), nil
}

// The deferred closure does more than clear.
func deferredClearLogs(ctx context.Context, log func(error)) (err error) {
	defer func() {
		if err != nil {
			log(err)
			if errors.Is(err, context.Canceled) {
				err = nil // want `setting the error to nil swallows context\.Canceled`
			}
		}
	}()
	return process(ctx, 2)
}

// The conjunction guards the suppression; below it nothing is known about
// ctx being done.
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
