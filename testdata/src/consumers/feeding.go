package consumers

import (
	"context"
	"errors"
	"os"
	syncpkg "sync"

	"golang.org/x/sync/errgroup"
)

// syncBlocks stops feeding its workers once ctx is done and reports a
// complete sync; its caller then removes what the sync did not load. The
// swallow is reported, but a return in the feeding loop would leave the
// workers blocked on the channel it no longer closes: no fix is offered.
func syncBlocks(ctx context.Context, st *store, ids []string) error {
	if len(ids) == 0 {
		return errors.New("no blocks")
	}
	blockc := make(chan string)
	var wg syncpkg.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range blockc {
				_ = stat(ctx, id)
			}
		}()
	}
	for _, id := range ids {
		select {
		case <-ctx.Done():
		case blockc <- id:
		}
	}
	close(blockc)
	wg.Wait()
	return nil // want `returning nil once the context is done hides the cancellation; .*\(no automatic fix: a return there would leave the tasks started above running: it must go through their close and wait\)`
}

func initialSync(ctx context.Context, st *store, ids []string, dirs []string) error {
	if err := syncBlocks(ctx, st, ids); err != nil {
		return err
	}
	for _, d := range dirs {
		if !st.synced[d] {
			_ = os.RemoveAll(d)
		}
	}
	return nil
}

// A worker declared apart, run by a launched literal: its nil is the
// task's, and the owner records the copy after the group's Wait.
func copyWorker(ctx context.Context, src string) error {
	err := stat(ctx, src)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context.Canceled`
	}
	return err
}

func copyAll(ctx context.Context, st *store, srcs []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, s := range srcs {
		g.Go(func() error { return copyWorker(ctx, s) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	st.synced["copied"] = true
	return nil
}

// list2 breaks off on cancellation with a nil. Its callers go on to
// helpers of this package: one only counts and prints (no consumer), one
// removes what the listing did not name (a consumer).
func list2(ctx context.Context, dirs []string, seen map[string]bool) error {
	for _, d := range dirs {
		err := stat(ctx, d)
		if errors.Is(err, context.Canceled) {
			return nil // want `returning nil swallows context.Canceled`
		}
		if err != nil {
			return err
		}
		seen[d] = true
	}
	return nil
}

func countSeen(seen map[string]bool) int {
	n := 0
	for range seen {
		n += len(seen)
	}
	println("seen", n)
	return n
}

func report(ctx context.Context, dirs []string) (int, error) {
	seen := map[string]bool{}
	if err := list2(ctx, dirs, seen); err != nil {
		return 0, err
	}
	n := countSeen(seen)
	return n, stat(ctx, "next")
}

func prune(dirs []string, seen map[string]bool) error {
	for _, d := range dirs {
		if !seen[d] {
			if err := os.RemoveAll(d); err != nil {
				return err
			}
		}
	}
	return nil
}

func pruneUnseen(ctx context.Context, dirs []string) error {
	seen := map[string]bool{}
	if err := list2(ctx, dirs, seen); err != nil {
		return err
	}
	return prune(dirs, seen)
}

// scanJob's nil on cancellation would be a false success, but its one
// caller runs it under a context made to outlive a shutdown request and
// cancelled only once the call returned: no cancellation reaches it
// there, so its nil is finished work.
func scanJob(ctx context.Context, d string) error {
	err := stat(ctx, d)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func runJob(ctx context.Context, st *store, d string) error {
	jobCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	if err := scanJob(jobCtx, d); err != nil {
		return err
	}
	st.synced[d] = true
	return nil
}
