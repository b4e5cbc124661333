package consumerlib // want package:"false successes"

// Package consumerlib has swallows whose callers are in other packages:
// they export a fact, and the importer judges its calls.

import (
	"context"
	"errors"
	"time"
)

// Copy returns nil once ctx is done, like on completion; nobody here calls it.
func Copy(ctx context.Context, n int) error { // want Copy:`false success\(done\)`
	for i := 0; i < n; i++ {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Millisecond):
		}
		if i > 100 {
			return errors.New("too far")
		}
	}
	return nil
}

// Client wraps Copy for its callers.
type Client struct{ N int }

// Run passes Copy's nil on: its callers, elsewhere, judge it too.
func (c *Client) Run(ctx context.Context) error { // want Run:`false success\(done\)`
	return Copy(ctx, c.N)
}

// Fill drops a cancelled write and reports success.
func Fill(ctx context.Context, buf []byte) (int, error) { // want Fill:`false success\(error\)`
	err := write(ctx, buf)
	if errors.Is(err, context.Canceled) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return len(buf), nil
}

func write(ctx context.Context, buf []byte) error {
	if len(buf) == 0 {
		return errors.New("empty")
	}
	return ctx.Err()
}
