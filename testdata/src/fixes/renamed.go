package fixes

import (
	"context"
	stderrors "errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

// process owns the group; its await site is an if with an init statement,
// and the file imports errors under another name.
func process(parent context.Context, items []string) (int, error) {
	g, ctx := errgroup.WithContext(parent)
	for _, it := range items {
		g.Go(func() error {
			if err := fetch(ctx, it); err != nil {
				if stderrors.Is(err, context.Canceled) {
					return nil // want `returning nil swallows context\.Canceled`
				}
				return fmt.Errorf("item %s: %w", it, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return len(items), nil
}
