package unawaitedstrict

import "context"

// A goroutine that gives up its send when the context ends is not
// blocked forever: -strict's.
func givesUp(ctx context.Context, work func() error) error {
	errc := make(chan error)
	go func() {
		select {
		case errc <- work():
		case <-ctx.Done():
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err() // want `returning here leaves goroutines that report on errc running; receive their results first \(no automatic fix: how many results to receive is the author's choice\)`
	case err := <-errc:
		return err
	}
}

// A buffer with room for the one result lets the goroutine finish: the
// accepted idiom, and what the buffer fix makes, reported in neither mode
// (gval after its fix), whether the function reports a failure or leaves
// on another signal and drops the result.
func buffered(ctx context.Context, work func() error) error {
	errc := make(chan error, 1)
	go func() { errc <- work() }()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errc:
		return err
	}
}

func bufferedSuccess(enough <-chan struct{}, work func() error) error {
	errc := make(chan error, 1)
	go func() { errc <- work() }()
	select {
	case <-enough:
		return nil
	case err := <-errc:
		return err
	}
}
