package strict

import (
	"context"
	"errors"
	"sync"
)

// forEach stops starting work once ctx ends but still marks every token
// done: its continue skips the work, and the loop's nil answers the
// cancellation and completion alike (the audit lists it; no fix: where
// to stop is the author's choice).
func forEach(ctx context.Context, tokens []string, sem chan struct{}, done func(string), f func(context.Context, string) error) error {
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
	)
	for _, t := range tokens {
		select {
		case <-ctx.Done():
			done(t)
			continue // want `continuing after the cancellation keeps working under a cancelled context; return the error instead \(no automatic fix: the loop goes on without working, or ends in a return that may report the cancellation: where to stop is the author's choice\)`
		case sem <- struct{}{}:
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx, t); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
			done(t)
			<-sem
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
