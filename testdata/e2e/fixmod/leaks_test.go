//go:build fixed

package fixmod

// These tests hold only once -fix has run: they pin what the unawaited
// fix adds, that an owner leaving on an error path cancels and waits for
// the tasks it started. The end-to-end test checks that they fail before.

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestStartAllLeavesNothingRunning(t *testing.T) {
	var started, ended atomic.Int32
	work := func(ctx context.Context, it string) error {
		started.Add(1)
		defer ended.Add(1)
		return waitDone(ctx)
	}
	err := StartAll([]string{"a", "b", ""}, work)
	endedAtReturn := ended.Load()
	// Both tasks start sooner or later; the owner must have seen them end.
	for deadline := time.Now().Add(10 * time.Second); started.Load() < 2 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if s := started.Load(); s != 2 || endedAtReturn != 2 {
		t.Errorf("StartAll returned with %d of %d started tasks ended", endedAtReturn, s)
	}
	if !errors.Is(err, errInvalid) {
		t.Errorf("StartAll = %v, want %v", err, errInvalid)
	}
}
