// Package fixes holds the shapes the suggested fixes must handle: the
// owner's await site in its several forms, imports to add, several tasks
// sharing one await site.
package fixes

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

// fetchAll owns the group's context and awaits it with return g.Wait():
// the fix imports errors for the owner's suppression.
func fetchAll(urls []string) error {
	g, ctx := errgroup.WithContext(context.Background())
	for _, url := range urls {
		g.Go(func() error {
			err := fetch(ctx, url)
			if err == context.Canceled {
				return nil // want `returning nil swallows context\.Canceled`
			}
			return err
		})
	}
	return g.Wait()
}
