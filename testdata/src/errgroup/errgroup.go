// Package errgroup holds tasks launched by (*errgroup.Group).Go and TryGo.
package errgroup

import (
	"context"
	"errors"
	"fmt"
	"log"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

func isCancelSentinel(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error {
			if err := fetch(ctx, url); err != nil {
				if errors.Is(err, context.Canceled) {
					return nil // want `returning nil swallows context\.Canceled; return it and ignore it in the caller that cancels the context`
				}
				return err
			}
			return nil
		})
	}
	return g.Wait()
}

func equalSentinel(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		err := fetch(ctx, url)
		if err == context.Canceled {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	})
	return g.Wait()
}

func sentinelFirst(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		err := fetch(ctx, url)
		if context.Canceled == err || context.DeadlineExceeded == err {
			return nil // want `returning nil swallows the cancellation`
		}
		return err
	})
	return g.Wait()
}

func tagSwitch(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		err := fetch(ctx, url)
		switch err {
		case nil:
			return nil
		case context.Canceled:
			return nil // want `returning nil swallows context\.Canceled`
		default:
			return err
		}
	})
	return g.Wait()
}

func taglessSwitch(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		err := fetch(ctx, url)
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return nil // want `returning nil swallows context\.DeadlineExceeded`
		case err != nil:
			return fmt.Errorf("fetch: %w", err)
		}
		return nil
	})
	return g.Wait()
}

func tryGo(ctx context.Context, url string) error {
	var g errgroup.Group
	g.TryGo(func() error {
		if err := fetch(ctx, url); err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		return nil // want `returning nil swallows context\.Canceled`
	})
	return g.Wait()
}

type worker struct {
	ctx context.Context // received from its creator: no cancel kept beside it
	url string
}

func (w *worker) run() error {
	err := fetch(w.ctx, w.url)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func methodValue(ctx context.Context, url string) error {
	var g errgroup.Group
	w := &worker{ctx: ctx, url: url}
	g.Go(w.run)
	return g.Wait()
}

func doneSelect(ctx context.Context, jobs <-chan string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for {
			select {
			case <-ctx.Done():
				return nil // want `returning nil once the context is done hides the cancellation; return ctx\.Err\(\) and ignore it in the caller that cancels the context`
			case url := <-jobs:
				if err := fetch(ctx, url); err != nil {
					return err
				}
			}
		}
	})
	return g.Wait()
}

func doneErrCheck(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		if ctx.Err() != nil {
			return nil // want `returning nil once the context is done`
		}
		return fetch(ctx, url)
	})
	return g.Wait()
}

func causeCheck(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		if err := fetch(ctx, url); err != nil {
			if context.Cause(ctx) != nil {
				return nil // want `returning nil once the context is done`
			}
			return err
		}
		return nil
	})
	return g.Wait()
}

func propagates(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		err := fetch(ctx, url)
		if errors.Is(err, context.Canceled) {
			return err // negative: the cancellation is returned
		}
		return err
	})
	g.Go(func() error {
		select {
		case <-ctx.Done():
			return ctx.Err() // negative: the context's error is returned
		default:
			return nil
		}
	})
	g.Go(func() error {
		if err := fetch(ctx, url); errors.Is(err, context.Canceled) {
			return fmt.Errorf("fetch %s: %w", url, err) // negative: wrapped with %w
		}
		return nil
	})
	g.Go(func() error {
		if err := fetch(ctx, url); errors.Is(err, context.Canceled) {
			return errors.Join(errors.New("stopped"), err) // negative: joined with the error
		}
		return nil
	})
	g.Go(func() error {
		if err := fetch(ctx, url); err != nil {
			if errors.Is(err, context.Canceled) {
				log.Print("canceled") // negative: logged, then returned below
			}
			return err
		}
		return nil
	})
	g.Go(func() error {
		if ctx.Err() != nil {
			return context.Cause(ctx) // negative: the cause is returned
		}
		return nil
	})
	return g.Wait()
}

func droppedAlike(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		if err := fetch(ctx, url); err != nil {
			if errors.Is(err, context.Canceled) {
				log.Print("canceled")
				return nil // negative: every failure ends in nil alike: no difference
			}
			log.Print("failed: ", err)
			return nil
		}
		return nil
	})
	return g.Wait()
}

func guarded(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		err := fetch(ctx, url)
		if errors.Is(err, context.Canceled) && ctx.Err() == nil {
			return nil // negative: the parent is live, so this cancellation is not its
		}
		return err
	})
	g.Go(func() error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		err := fetch(ctx, url)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	})
	return g.Wait()
}

func ownTimeout(ctx context.Context, url string) error {
	var g errgroup.Group
	g.Go(func() error {
		ctx, cancel := context.WithTimeout(ctx, 1)
		defer cancel()
		err := fetch(ctx, url)
		if errors.Is(err, context.DeadlineExceeded) {
			return nil // negative: the task set the deadline itself (owner; strict reports it)
		}
		return err
	})
	return g.Wait()
}
