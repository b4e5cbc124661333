package fixes

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sync/errgroup"
)

// pair awaits two tasks at one g.Wait(): both fixes rewrite it alike, for
// the sentinels of both.
func pair(parent context.Context, a, b string) error {
	g, ctx := errgroup.WithContext(parent)
	g.Go(func() error {
		if err := fetch(ctx, a); err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		return nil // want `returning nil swallows context\.Canceled`
	})
	g.Go(func() error {
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		err := fetch(tctx, b)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	})
	err := g.Wait()
	if err != nil {
		return err
	}
	return nil
}

// orWait awaits with a condition that needs parentheses kept.
func orWait(parent context.Context, urls []string, strict bool) error {
	g, ctx := errgroup.WithContext(parent)
	for _, u := range urls {
		g.Go(func() error {
			select {
			case <-ctx.Done():
				return nil // want `returning nil once the context is done`
			default:
				return fetch(ctx, u)
			}
		})
	}
	if err := g.Wait(); err != nil || strict {
		return err
	}
	return nil
}

// nested launches from a task body that does not own the context: the fix
// only propagates, and the suppression belongs further up.
func nested(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error {
			err := fetch(ctx, u)
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled`
			}
			return err
		})
	}
	return g.Wait()
}

// mixed awaits a task that already propagates beside one that swallows:
// rewriting g.Wait() would hide the first one's cancellation, so the fix
// only propagates.
func mixed(urls []string) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error { return fetch(ctx, urls[0]) })
	g.Go(func() error {
		err := fetch(ctx, urls[1])
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled; return it and ignore it in the caller that cancels the context`
		}
		return err
	})
	return g.Wait()
}

// either tests a sentinel and a context in one condition: the sentinel
// names the category.
func either(urls []string, status context.Context) error {
	var g errgroup.Group
	g.Go(func() error {
		err := fetch(status, urls[0])
		if errors.Is(err, context.Canceled) || status.Err() != nil {
			return nil // want `returning nil swallows context\.Canceled`
		}
		return err
	})
	return g.Wait()
}

// twice awaits the group at two sites, one of them inside errors.Join: the
// fix rewrites both, the second where it stands.
func twice(urls []string, early bool, unadvertise func() error) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error {
		err := fetch(ctx, urls[0])
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context\.Canceled; return it and ignore it in the caller that cancels the context`
		}
		return err
	})
	if early {
		return g.Wait()
	}
	return errors.Join(unadvertise(), g.Wait())
}
