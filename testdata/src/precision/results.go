// Package precision holds shapes that read as swallows by the letter but
// tell the caller what happened: another result reports the cancellation,
// the owner is a method away, the code is test support, or every caller
// checks the context itself.
package precision

import (
	"context"
	"errors"
)

func fetch(ctx context.Context) (int, error) { return 0, ctx.Err() }

// The canceled result says what the nil does not.
func pollOnce(ctx context.Context, in <-chan int) (v int, canceled bool, err error) {
	select {
	case <-ctx.Done():
		return 0, true, nil // negative: canceled is true only here
	case v := <-in:
		if v < 0 {
			return 0, false, errors.New("negative")
		}
		return v, false, nil
	}
}

type status int

const (
	statusOK status = iota
	statusFailed
	statusCanceled
)

// A status constant that no completion returns.
func fetchStatus(ctx context.Context) (status, error) {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return statusCanceled, nil // negative: statusCanceled is returned only on cancellation
	}
	if err != nil {
		return statusFailed, err
	}
	return statusOK, nil
}

// The same status is returned on completion: the caller cannot tell.
func fetchStatusShared(ctx context.Context) (status, error) {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return statusOK, nil // want `returning nil swallows context\.Canceled`
	}
	if err != nil {
		return statusFailed, err
	}
	return statusOK, nil
}

// The flag is a variable on completion: nobody knows it is never true.
func fetchFlagged(ctx context.Context, cached bool) (int, bool, error) {
	n, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return 0, true, nil // want `returning nil swallows context\.Canceled`
	}
	if err != nil {
		return 0, false, err
	}
	return n, cached, nil
}

// Launched: the result goes to g.Wait, which sees only the error.
func launchedFlag(ctx context.Context, run func(func() (bool, error))) {
	run(func() (bool, error) {
		_, err := fetch(ctx)
		if errors.Is(err, context.Canceled) {
			return true, nil // negative: the callback's caller reads the flag
		}
		if err != nil {
			return false, err
		}
		return false, nil
	})
}

// A status field of a result struct, set only on the cancelled path, tells
// the caller what the nil does not.
type runStatus int

const (
	runDone runStatus = iota
	runCanceled
)

type runResult struct {
	n      int
	status runStatus
}

func runOnce(ctx context.Context) (runResult, error) {
	n, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return runResult{n: n, status: runCanceled}, nil // negative: only this path sets status to runCanceled
	}
	if err != nil {
		return runResult{}, err
	}
	return runResult{n: n, status: runDone}, nil
}

// The same struct without the status: the caller takes it for a run done.
func runPartial(ctx context.Context) (runResult, error) {
	n, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return runResult{n: n}, nil // want `returning nil swallows context\.Canceled`
	}
	if err != nil {
		return runResult{}, err
	}
	return runResult{n: n, status: runDone}, nil
}
