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

// A buffer with room for the one result lets the goroutine finish, and
// the function reports a failure: nothing is left to report, in either
// mode (gval after its fix: the buffer fix creates no finding).
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

// A success return while the goroutine still works is -strict's, buffer
// or not: its result is lost.
func bufferedSuccess(enough <-chan struct{}, work func() error) error {
	errc := make(chan error, 1)
	go func() { errc <- work() }()
	select {
	case <-enough:
		return nil // want `returning here leaves goroutines that report on errc running; receive their results first \(no automatic fix: how many results to receive is the author's choice\)`
	case err := <-errc:
		return err
	}
}
