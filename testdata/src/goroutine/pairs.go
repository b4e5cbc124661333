package goroutine

// A goroutine that reports completion on one channel and failure on
// another (fields of one value) reports its outcome on the pair: when the
// context ends and it sends on neither, its reader is told nothing.

import (
	"context"
	"errors"
	"time"
)

type result struct{ n int }

type fetcher struct {
	results chan result
	errs    chan error
}

func (f *fetcher) poll(ctx context.Context, in <-chan int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return // want `returning without a send once the context is done hides the cancellation`
			case n, ok := <-in:
				if !ok {
					f.results <- result{-1}
					return
				}
				if n < 0 {
					f.errs <- errors.New("negative")
					return
				}
			}
		}
	}()
}

func (f *fetcher) fetchOne(ctx context.Context, n int) {
	go func() {
		if err := work(ctx); err != nil {
			if errors.Is(err, context.Canceled) {
				return // want `returning without a send swallows context\.Canceled`
			}
			f.errs <- err
			return
		}
		f.results <- result{n}
	}()
}

// Negative: the goroutine sends its outcome on every path.
func (f *fetcher) fetchAlways(ctx context.Context, n int) {
	go func() {
		if err := work(ctx); err != nil {
			f.errs <- err
			return
		}
		f.results <- result{n}
	}()
}

type progress struct {
	steps chan int
	errs  chan error
}

// Negative in the default mode: the error channel carries failures only
// and nothing reports completion; silence once the context ends is how
// such a stream stops.
func (p *progress) watch(ctx context.Context, in <-chan int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case n := <-in:
				if n < 0 {
					p.errs <- errors.New("negative")
				}
			}
		}
	}()
}

// navWatch reports a timeout on errc and a navigation on done, and
// nothing when its context ends first: its empty case falls through to the
// end, and is where the finding is reported.
type navWatch struct {
	errc chan error
	done chan bool
}

func (w *navWatch) start(ctx context.Context, nav <-chan struct{}, timeout <-chan time.Time) {
	go func() {
		select {
		case <-ctx.Done(): // want `returning without a send once the context is done hides the cancellation`
		case <-timeout:
			w.errc <- errors.New("navigation timed out")
		case <-nav:
			w.done <- true
		}
	}()
}
