package tests

import (
	"context"
	"errors"
	"testing"
)

func work(ctx context.Context) error { return ctx.Err() }

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		cancel()
		if err := work(ctx); errors.Is(err, context.Canceled) {
			close(errc) // negative: a test owns its contexts and its goroutines with them
			return
		}
		errc <- errors.New("not canceled")
	}()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

// helper is called by tests only, with the contexts they make.
func helper(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: test code: the tests that call it own its context
	}
	return err
}
