// Command unawaitedmain: the process ends the tasks of main and of what
// only main calls.
package main

import (
	"context"
	"errors"
	"log"
	"sync"
)

func fetch(ctx context.Context, s string) error { return ctx.Err() }

func main() {
	if err := run(context.Background(), []string{"a"}); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // negative: only main calls run, and the process exits next
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	wg.Wait()
	return nil
}

// Serve is also called from elsewhere (exported): it is examined.
func Serve(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it == "" {
			return errors.New("empty item") // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
		wg.Go(func() { _ = fetch(ctx, it) })
	}
	wg.Wait()
	return nil
}
