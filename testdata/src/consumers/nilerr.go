package consumers

import (
	"context"
	"errors"
)

// A nil the author marked for nilerr, the linter that reports a nil
// returned while an error is in hand, is meant: -strict's, whatever its
// callers do with it.

type session struct {
	sinks  []func(string) error
	events []string
}

func (s *session) emit(ev string) error {
	var errs []error
	for _, sink := range s.sinks {
		if err := sink(ev); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (s *session) emitIgnoringCanceled(ctx context.Context, ev string) error {
	err := s.emit(ev)
	if err != nil && ctx.Err() != nil {
		//nolint:nilerr // sinks may close during cancellation
		return nil
	}
	return err
}

func (s *session) emitQuiet(ctx context.Context, ev string) error {
	err := s.emit(ev)
	if err != nil && ctx.Err() != nil {
		return nil //nolint:nilerr,errcheck
	}
	return err
}

func (s *session) finish(ctx context.Context) error {
	if err := s.emitIgnoringCanceled(ctx, "done"); err != nil {
		return err
	}
	s.events = append(s.events, "done")
	if err := s.emitQuiet(ctx, "quiet"); err != nil {
		return err
	}
	s.events = append(s.events, "finished")
	return nil
}
