package unawaitedstrict

import "context"

// worker reports on the channel it is handed.
func worker(ctx context.Context, jobs <-chan string, errc chan<- error) {
	for j := range jobs {
		errc <- fetch(ctx, j)
	}
}

// A pool of named workers started with go: returning on the first error
// leaves the others running, as literals would.
func pool(ctx context.Context, jobs <-chan string, n int) error {
	errc := make(chan error, n)
	for range n {
		go func() {
			for j := range jobs {
				errc <- fetch(ctx, j)
			}
		}()
	}
	for range n {
		if err := <-errc; err != nil {
			return err // want `returning here leaves goroutines that report on errc running; receive their results first \(no automatic fix: how many results to receive is the author's choice\)`
		}
	}
	return nil
}

// logTo does more with the channel than send on it: not a result channel
// of its own.
func logTo(errc chan error) { close(errc) }

func handedOn(ctx context.Context) error {
	errc := make(chan error, 1)
	go logTo(errc)
	return <-errc // negative: the channel escapes into a function that does not only report on it
}
