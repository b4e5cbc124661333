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
