package strict

import (
	"context"
	"errors"
	"log"
	"time"
)

// A done observation that only writes a log line and goes on decides
// nothing: the work after it runs alike, here under a context detached
// from the observed one, and its nil reports that work.
func cancelMigration(ctx context.Context, exec func(context.Context) error) error {
	if ctx.Err() != nil {
		log.Printf("original context invalid: %v", ctx.Err())
	}
	cmCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if err := exec(cmCtx); err != nil {
		return errors.Join(errors.New("cancel migration failed"), err)
	}
	return nil
}

// The same log line, then a return: a decision to stop.
func restartStreams(ctx context.Context, exec func(context.Context) error) error {
	if ctx.Err() != nil {
		log.Printf("original context invalid: %v", ctx.Err())
		return nil // want `returning nil once the context is done hides the cancellation`
	}
	if err := exec(ctx); err != nil {
		return errors.Join(errors.New("restart failed"), err)
	}
	return nil
}
