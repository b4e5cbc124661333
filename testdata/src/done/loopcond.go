package done

// A done observation in a loop condition guards the loop's body; the nil
// returned after the loop answers it too: the loop stopped early, and the
// caller is told all was done.

import "context"

func step(ctx context.Context, i int) error { return ctx.Err() }

func stepAll(ctx context.Context, n int) error {
	for i := 0; i < n && ctx.Err() == nil; i++ {
		if err := step(ctx, i); err != nil {
			return err
		}
	}
	return nil // want `returning nil once the context is done hides the cancellation`
}

func stepAllFirst(ctx context.Context, items []int) error {
	i := 0
	for ctx.Err() == nil && i < len(items) {
		if err := step(ctx, items[i]); err != nil {
			return err
		}
		i++
	}
	return nil // want `returning nil once the context is done hides the cancellation`
}

// Negative: the cancellation is returned after the loop.
func stepAllReported(ctx context.Context, n int) error {
	for i := 0; i < n && ctx.Err() == nil; i++ {
		if err := step(ctx, i); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Negative: checked again after the loop.
func stepAllChecked(ctx context.Context, n int) error {
	for i := 0; i < n && ctx.Err() == nil; i++ {
		if err := step(ctx, i); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

// Negative in the default mode: a loop that runs until cancelled has no
// other way to end; its nil can only mean "stopped" (-strict lists it).
func serveSteps(ctx context.Context) error {
	for ctx.Err() == nil {
		if err := step(ctx, 0); err != nil {
			return err
		}
	}
	return nil
}
