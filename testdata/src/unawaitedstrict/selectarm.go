package unawaitedstrict

import "context"

// The arm of a select that leaves on ctx.Done() leaves the goroutine
// blocked on its unbuffered send: only the other arm receives its result.
func evalWithContext(ctx context.Context, eval func() (int, error)) (int, error) {
	errc := make(chan error)
	var v int
	go func() {
		var err error
		v, err = eval()
		errc <- err
	}()
	select {
	case <-ctx.Done():
		return 0, ctx.Err() // want `returning here leaves goroutines that report on errc running; receive their results first \(no automatic fix: how many results to receive is the author's choice\)`
	case err := <-errc:
		return v, err
	}
}
