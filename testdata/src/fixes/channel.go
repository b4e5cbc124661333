package fixes

import "context"

// first derives ctx from parent, cancels it when stop closes, and receives
// the result with return <-errc.
func first(parent context.Context, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	errc := make(chan error, 1)
	go func() {
		err := fetch(ctx, "a")
		if err == context.Canceled {
			errc <- nil // want `sending nil swallows context\.Canceled`
			return
		}
		errc <- err
	}()
	return <-errc
}
