// Package quorum stands for a library that runs callbacks under contexts
// it makes, and cancels the calls it no longer needs once enough have
// answered (dskit's ring.DoUntilQuorum).
package quorum

import "context"

// Do calls f for each of n instances until half of them succeeded, then
// cancels the others.
func Do(ctx context.Context, n int, f func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ok := 0
	for i := range n {
		if err := f(ctx, i); err != nil {
			return err
		}
		if ok++; ok > n/2 {
			cancel()
		}
	}
	return ctx.Err()
}
