//go:build extra

package tagged

import (
	"context"
	"errors"
)

// Extra swallows the cancellation.
func Extra(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

var extraDone bool

// RunExtra takes Extra's nil for done.
func RunExtra(ctx context.Context) {
	if err := Extra(ctx); err == nil {
		extraDone = true
	}
}
