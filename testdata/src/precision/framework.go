package precision

import (
	"context"
	"errors"
	"log"

	"retry"
	"services"
)

type reader struct {
	svc  *services.Service
	poll func(context.Context) error
}

func newReader() *reader {
	r := &reader{}
	r.svc = services.NewBasicService(r.start, r.running, nil)
	return r
}

func (r *reader) start(context.Context) error { return nil }

// running is handed to the framework, which makes its context and takes
// nil as a clean stop.
func (r *reader) running(ctx context.Context) error {
	if err := r.poll(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // negative: the framework owns ctx and defines the nil
		}
		return err
	}
	return nil
}

// fetch is handed to a helper that passes on the caller's context: the
// helper owns nothing.
func (r *reader) fetch(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (r *reader) fetchWithRetry(ctx context.Context) error {
	return retry.Do(ctx, r.fetch)
}

// sync's only caller logs the error and carries on alike.
func (r *reader) sync(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		// Every nil taken as acted on; the caller only logs what it returns: -strict's, no fix.
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func (r *reader) loop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := r.sync(ctx); err != nil {
			log.Print(err)
		}
	}
}

// commit's caller skips work on an error: the nil is taken as success.
func (r *reader) commit(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller logs or records every error it gets as a failure, and would do so at each stop\)`
	}
	return err
}

func (r *reader) commitAll(ctx context.Context, mark func()) {
	for ctx.Err() == nil {
		if err := r.commit(ctx); err != nil {
			log.Print(err)
			continue
		}
		mark()
	}
}

// collect's caller reports the cancellation itself right after.
func collect(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: the caller returns ctx.Err() next
	}
	return err
}

func collectAll(ctx context.Context) error {
	if err := collect(ctx); err != nil {
		return err
	}
	return ctx.Err()
}

// A literal started with go: its error result goes nowhere.
func fireAndForget(ctx context.Context) {
	go func() error {
		_, err := fetch(ctx)
		if errors.Is(err, context.Canceled) {
			return nil // negative: go discards the result
		}
		return err
	}()
}

// poll's only caller logs a failure and goes round its loop, which is
// where a nil goes too.
func (r *reader) poll2(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		// Every nil taken as acted on; the caller only logs and loops either way: -strict's, no fix.
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func (r *reader) listen(ctx context.Context, tick <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			err := r.poll2(ctx)
			if err != nil {
				log.Print(err)
				continue
			}
		}
	}
}

// syncAll's error is kept in a variable that is only logged later.
func (r *reader) syncOnce(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		// Every nil taken as acted on; every use of the error is a log line: -strict's, no fix.
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func (r *reader) syncLoop(ctx context.Context, tick <-chan struct{}) {
	for {
		var syncErr error
		select {
		case <-ctx.Done():
			return
		case <-tick:
			syncErr = r.syncOnce(ctx)
		}
		if syncErr != nil {
			log.Print(syncErr)
		}
	}
}
