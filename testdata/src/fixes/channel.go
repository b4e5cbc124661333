package fixes

import "context"

// first owns ctx (it cancels it) and receives the result with return <-errc.
func first(stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(context.Background())
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
