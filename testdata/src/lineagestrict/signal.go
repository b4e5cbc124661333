package lineagestrict

import (
	"context"
	"time"
)

// A context made from Background only to signal "enough replicas
// answered" is the function's own, even where the function also derives
// a context from the one it received: observing it swallows nothing of
// the parent's.
func waitReplicas(ctx context.Context, replicas []string, ack func(context.Context, string) bool) error {
	groupCtx, groupCancel := context.WithTimeout(ctx, time.Second)
	defer groupCancel()
	enough, signal := context.WithCancel(context.Background())
	defer signal()
	for _, r := range replicas {
		go func() {
			if ack(groupCtx, r) {
				signal()
			}
		}()
	}
	select {
	case <-enough.Done():
		return nil
	case <-groupCtx.Done():
		return nil // want `the cancellation is ignored without checking that the parent context is still live`
	}
}

// Derived in two steps from the received context: still the parent's.
func waitTwoSteps(ctx context.Context, ready <-chan struct{}) error {
	outer, cancelOuter := context.WithCancel(ctx)
	defer cancelOuter()
	inner, cancelInner := context.WithTimeout(outer, time.Second)
	defer cancelInner()
	select {
	case <-inner.Done():
		return nil // want `the cancellation is ignored without checking that the parent context is still live`
	case <-ready:
	}
	return nil
}
