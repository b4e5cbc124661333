// Package nolint is analysed as the golangci-lint plugin analyses it: a
// //nolint comment for swallowcancel silences a finding on its reported
// line, on the line of its cancellation test, or alone above either.
package nolint

import (
	"context"
	"errors"
)

func work(ctx context.Context) error { return ctx.Err() }

func onReported(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil //nolint:swallowcancel // negative: on the reported line
	}
	return err
}

func aboveReported(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		//nolint:swallowcancel // negative: alone above the reported line
		return nil
	}
	return err
}

func onTest(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) { //nolint:swallowcancel // negative: on the test
		return nil
	}
	return err
}

func aboveTest(ctx context.Context) error {
	err := work(ctx)
	//nolint:swallowcancel // negative: alone above the test
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func bare(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil //nolint // negative: every linter
	}
	return err
}

func otherLinter(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil //nolint:errcheck // want `returning nil swallows context\.Canceled`
	}
	return err
}

func listed(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) { //nolint:errcheck,swallowcancel // negative: named in a list
		return nil
	}
	return err
}

func trailingOnPreviousStatement(ctx context.Context) error {
	err := work(ctx) //nolint:swallowcancel // the comment shares its line with code: it covers that line only
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}
