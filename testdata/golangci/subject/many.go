package subject

import (
	"context"
	"errors"
)

// Five findings of one shape: with golangci-lint's default issue limits
// (max-same-issues: 3) each must still show, once.
func A(ctx context.Context) error {
	if err := work(ctx); errors.Is(err, context.Canceled) {
		return nil
	}
	return work(ctx)
}

func B(ctx context.Context) error {
	if err := work(ctx); errors.Is(err, context.Canceled) {
		return nil
	}
	return work(ctx)
}

func C(ctx context.Context) error {
	if err := work(ctx); errors.Is(err, context.Canceled) {
		return nil
	}
	return work(ctx)
}

func D(ctx context.Context) error {
	if err := work(ctx); errors.Is(err, context.Canceled) {
		return nil
	}
	return work(ctx)
}

func E(ctx context.Context) error {
	if err := work(ctx); errors.Is(err, context.Canceled) {
		return nil
	}
	return work(ctx)
}

// Every //nolint placement silences its finding.
func NolintOnReported(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil //nolint:swallowcancel // the caller checks ctx
	}
	return err
}

func NolintAboveReported(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		//nolint:swallowcancel // the caller checks ctx
		return nil
	}
	return err
}

func NolintOnTest(ctx context.Context) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) { //nolint:swallowcancel // the caller checks ctx
		return nil
	}
	return err
}
