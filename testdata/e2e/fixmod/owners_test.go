package fixmod

import (
	"context"
	"errors"
	"testing"
)

var errBoom = errors.New("boom")

// waitDone blocks until the context is done and returns its error.
func waitDone(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

func TestFetchAll(t *testing.T) {
	fetch := func(ctx context.Context, url string) error {
		if url == "bad" {
			return errBoom
		}
		return waitDone(ctx)
	}
	if err := FetchAll([]string{"a", "bad", "b"}, fetch); !errors.Is(err, errBoom) || err.Error() != "fetch bad: boom" {
		t.Errorf("FetchAll with a failure = %v, want fetch bad: boom", err)
	}
	ok := func(context.Context, string) error { return nil }
	if err := FetchAll([]string{"a", "b"}, ok); err != nil {
		t.Errorf("FetchAll = %v, want nil", err)
	}
}

func TestCount(t *testing.T) {
	stop := make(chan struct{})
	close(stop)
	n, err := Count(stop, []func(context.Context) error{waitDone, waitDone})
	if n != 2 || err != nil {
		t.Errorf("Count after cancelling = %d, %v; want 2, nil", n, err)
	}
	failing := func(context.Context) error { return errBoom }
	n, err = Count(make(chan struct{}), []func(context.Context) error{failing, waitDone})
	if n != 0 || !errors.Is(err, errBoom) {
		t.Errorf("Count with a failure = %d, %v; want 0, boom", n, err)
	}
}

func TestServe(t *testing.T) {
	stop := make(chan struct{})
	close(stop)
	if err := Serve(stop, nil, nil); err != nil {
		t.Errorf("Serve after cancelling = %v, want nil", err)
	}
	requests := make(chan string, 1)
	requests <- "x"
	fail := func(string) error { return errBoom }
	if err := Serve(make(chan struct{}), requests, fail); !errors.Is(err, errBoom) {
		t.Errorf("Serve with a failing handler = %v, want boom", err)
	}
}

func TestRunUntil(t *testing.T) {
	stop := make(chan struct{})
	close(stop)
	if err := RunUntil(stop, waitDone); err != nil {
		t.Errorf("RunUntil after cancelling = %v, want nil", err)
	}
	fail := func(context.Context) error { return errBoom }
	if err := RunUntil(make(chan struct{}), fail); !errors.Is(err, errBoom) {
		t.Errorf("RunUntil with a failure = %v, want boom", err)
	}
}

func TestCollect(t *testing.T) {
	stop := make(chan struct{})
	close(stop)
	if err := Collect(stop, []func(context.Context) error{waitDone, waitDone}); err != nil {
		t.Errorf("Collect after cancelling = %v, want nil", err)
	}
	fail := func(context.Context) error { return errBoom }
	ok := func(context.Context) error { return nil }
	if err := Collect(make(chan struct{}), []func(context.Context) error{ok, fail}); !errors.Is(err, errBoom) {
		t.Errorf("Collect with a failure = %v, want boom", err)
	}
}
