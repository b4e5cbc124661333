package fixmod

import (
	"context"
	"errors"
	"testing"
)

func TestDrain(t *testing.T) {
	work := func(ctx context.Context, it string) error {
		if it == "bad" {
			return errBoom
		}
		return waitDone(ctx)
	}
	if err := Drain([]string{"a", "bad", "b"}, work); !errors.Is(err, errBoom) {
		t.Errorf("Drain with a failure = %v, want boom", err)
	}
	if err := Drain([]string{"a", "b"}, func(context.Context, string) error { return nil }); err != nil {
		t.Errorf("Drain = %v, want nil", err)
	}
}

func TestQuiet(t *testing.T) {
	failing := func(context.Context) error { return errBoom }
	if err := Quiet([]func(context.Context) error{waitDone, failing, waitDone}); !errors.Is(err, errBoom) {
		t.Errorf("Quiet with a failure = %v, want boom", err)
	}
	ok := func(context.Context) error { return nil }
	if err := Quiet([]func(context.Context) error{ok, ok}); err != nil {
		t.Errorf("Quiet = %v, want nil", err)
	}
}

func TestPoll(t *testing.T) {
	failed := make(chan error, 1)
	failed <- errBoom
	blocked := make(chan error)
	if err := Poll([]<-chan error{blocked, failed}); !errors.Is(err, errBoom) {
		t.Errorf("Poll with a failure = %v, want boom", err)
	}
	done := make(chan error, 1)
	done <- nil
	if err := Poll([]<-chan error{done}); err != nil {
		t.Errorf("Poll = %v, want nil", err)
	}
}

func TestStartAllError(t *testing.T) {
	work := func(ctx context.Context, it string) error { return waitDone(ctx) }
	if err := StartAll([]string{"a", "b", ""}, work); !errors.Is(err, errInvalid) {
		t.Errorf("StartAll with an invalid item = %v, want %v", err, errInvalid)
	}
}
