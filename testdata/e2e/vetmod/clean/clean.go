// Package clean propagates its cancellation: nothing to report.
package clean

import "context"

// Wait returns the context's error once it is done.
func Wait(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}
