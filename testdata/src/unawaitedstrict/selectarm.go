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

// A buffered channel lets the goroutine finish: -strict's.
func buffered(ctx context.Context, work func() error) error {
	errc := make(chan error, 1)
	go func() { errc <- work() }()
	select {
	case <-ctx.Done():
		return ctx.Err() // want `returning here leaves goroutines that report on errc running; receive their results first \(no automatic fix: how many results to receive is the author's choice\)`
	case err := <-errc:
		return err
	}
}
