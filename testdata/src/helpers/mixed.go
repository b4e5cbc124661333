package helpers

// A predicate that matches the cancellation among other errors: a test
// that calls it drops the cancellation with the timeouts. Propagating the
// error would report the timeouts too, so no fix is offered.

import (
	"context"
	"errors"
)

type timeout interface{ Timeout() bool }

func isTimeoutOrCanceled(err error) bool { // want isTimeoutOrCanceled:`predicate\(mixed error 0: Canceled\|DeadlineExceeded\)`
	var te timeout
	if errors.As(err, &te) && te.Timeout() {
		return true
	}
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

var errTimeout = errors.New("timeout")

func isRetryable(err error) bool { // want isRetryable:`predicate\(mixed error 0: Canceled\)`
	return errors.Is(err, errTimeout) || errors.Is(err, context.Canceled)
}

func uploadOnce(ctx context.Context) error {
	if err := work(ctx); err != nil {
		if isTimeoutOrCanceled(err) {
			return nil // want `returning nil swallows the cancellation; return it and ignore it in the caller that cancels the context \(no automatic fix: the helper also matches errors other than the cancellation\)`
		}
		return err
	}
	return nil
}

// Negative: not a predicate — it holds for anything but the cancellation.
func shouldRetry(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	return true
}
