// Package related is analysed with related positions folded into the
// message, as the golangci-lint plugin reports them: one finding, one
// issue.
package related

import (
	"context"
	"errors"
	"os"
	"os/signal"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

// fetchAll's context ends on an interrupt, the cancellation it owns.
func fetchAll(urls []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		if url == "" {
			return errors.New("empty url") // want `returning here leaves the tasks started on g running; cancel them and wait for g first \(the group is created at line 21; a task is started at line 26\)`
		}
		g.Go(func() error {
			err := fetch(ctx, url)
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled; return it and ignore it at g\.Wait, where the context is cancelled \(cancellation tested at line 28; the owner awaits the task at line 34\)`
			}
			return err
		})
	}
	return g.Wait()
}
