package precision

import (
	"context"
	"errors"
	"testing"
)

// WaitReady is test support: it owns the contexts tests hand it.
func WaitReady(t testing.TB, ctx context.Context, ready <-chan struct{}) error {
	select {
	case <-ctx.Done():
		return nil // negative: test support owns its contexts like a test does
	case <-ready:
		return nil
	}
}

func StartT(t testing.TB, ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: test support
	}
	return err
}
