package strict

import (
	"context"
	"fmt"
)

// A project's own error constructor (vitess's vterrors.Errorf) returns a
// failure, as errors.New does: the error after a done observation is
// certainly non-nil there, and not a swallow.

type codedError struct {
	code int
	msg  string
}

func (e *codedError) Error() string { return e.msg }

func Errorf(code int, format string, args ...any) error { // want Errorf:"constructs an error"
	return &codedError{code, fmt.Sprintf(format, args...)}
}

// Through another constructor, and recursively.
func Deadline(what string, tries int) error { // want Deadline:"constructs an error"
	if tries > 0 {
		return Deadline(what, tries-1)
	}
	return Errorf(4, "deadline exceeded waiting for %s", what)
}

// wrapCode returns nil for a nil error: no constructor.
func wrapCode(err error, code int) error {
	if err == nil {
		return nil
	}
	return &codedError{code, err.Error()}
}

func waitPosition(ctx context.Context, ready <-chan struct{}) error {
	select {
	case <-ctx.Done():
		return Errorf(4, "timed out waiting for the position: %v", context.Cause(ctx))
	case <-ready:
	}
	return nil
}

func waitReplica(ctx context.Context, ready <-chan struct{}) error {
	select {
	case <-ctx.Done():
		return Deadline("replica", 2)
	case <-ready:
	}
	return nil
}

func waitPrimary(ctx context.Context, ready <-chan struct{}, last error) error {
	select {
	case <-ctx.Done():
		return wrapCode(last, 4) // want `returning an error that may be nil and does not carry the cancellation hides it`
	case <-ready:
	}
	return nil
}

// Wrapf is nil exactly when its error is (vitess's vterrors.Wrapf): an
// error wrapped after a test that it is not nil stays a failure, and a
// wrapped ctx.Err() of a done context is not nil.
func Wrapf(err error, format string, args ...any) error { // want Wrapf:"wraps error 0"
	if err == nil {
		return nil
	}
	return &codedError{0, fmt.Sprintf(format, args...) + ": " + err.Error()}
}

func streamHealth(ctx context.Context, recv func(func(int) error) error) error {
	return recv(func(v int) error {
		var err error
		switch {
		case ctx.Err() != nil:
			err = Wrapf(ctx.Err(), "context ended")
		case v < 0:
			err = Errorf(1, "negative")
		}
		if err != nil {
			err = Wrapf(err, "streaming health")
			return err
		}
		return nil
	})
}

// wrapQuiet may return nil for an error that is not: no wrapper.
func wrapQuiet(err error, quiet bool) error {
	if quiet {
		return nil
	}
	return &codedError{1, err.Error()}
}

func streamQuiet(ctx context.Context, recv func(func(int) error) error, quiet bool) error {
	return recv(func(v int) error {
		var err error
		switch {
		case ctx.Err() != nil:
			err = wrapQuiet(ctx.Err(), quiet)
		case v < 0:
			err = Errorf(1, "negative")
		}
		if err != nil {
			return err
		}
		return nil // want `returning nil once the context is done hides the cancellation`
	})
}
