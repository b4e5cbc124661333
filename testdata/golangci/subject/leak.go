package subject

import (
	"context"
	"errors"
	"sync"
)

// FetchAll leaves the fetches it started running when one URL is bad:
// reported by default (unawaited), and fixed by waiting first.
func FetchAll(ctx context.Context, urls []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(urls))
	for i, url := range urls {
		if url == "" {
			return errors.New("empty url")
		}
		wg.Go(func() { errs[i] = work(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}
