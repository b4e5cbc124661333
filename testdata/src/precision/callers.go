package precision

import (
	"context"
	"errors"
	"log"
)

// pump is called only by code that checks ctx right after it returns.
func pump(ctx context.Context, in <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return nil // negative: every caller re-checks ctx after the call
		case v, ok := <-in:
			if !ok {
				return nil
			}
			if v < 0 {
				return errors.New("negative")
			}
		}
	}
}

func pumpAll(ctx context.Context, ins []<-chan int) error {
	for _, in := range ins {
		if err := pump(ctx, in); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

func pumpOne(ctx context.Context, in <-chan int) error {
	err := pump(ctx, in)
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	return err
}

// drain's error is discarded by its one caller.
func drain(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // negative: the only caller discards the error
	}
	return err
}

func drainAll(ctx context.Context) {
	_ = drain(ctx)
	log.Print("drained")
}

// push has one caller that checks and one that does not.
func push(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func pushChecked(ctx context.Context) error {
	if err := push(ctx); err != nil {
		return err
	}
	return ctx.Err()
}

func pushUnchecked(ctx context.Context) error {
	if err := push(ctx); err != nil {
		return err
	}
	return store(ctx)
}

func store(ctx context.Context) error { return nil }

// Exported: callers outside the package are not seen.
func Pump(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func pumpChecked(ctx context.Context) error {
	err := Pump(ctx)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
