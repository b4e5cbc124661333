package unawaited

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// A failure built by the package's own constructor is a failure return,
// as errors.New's is: the fan-out left behind on it is reported.

type fetchError struct{ url string }

func (e *fetchError) Error() string { return "bad url " + e.url }

func badURL(url string) error { return &fetchError{url} }

func fetchAllCoded(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		if url == "" {
			return badURL(url) // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return fetch(ctx, url) })
	}
	return g.Wait()
}
