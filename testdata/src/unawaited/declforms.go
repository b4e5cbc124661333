package unawaited

// A group is known by the variable (or field) that holds it, however it
// was declared: each of these fans out chunk uploads and returns a read
// error with earlier uploads still running, as multipart uploaders did.

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

func upload(ctx context.Context, chunk []byte) error { return ctx.Err() }

// var ( g, gCtx = errgroup.WithContext(ctx) … ): a declaration block.
func varBlock(ctx context.Context, read func(int) ([]byte, error), n int) error {
	var (
		g, gCtx = errgroup.WithContext(ctx)
		parts   int
	)
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		parts++
		g.Go(func() error { return upload(gCtx, chunk) })
	}
	return g.Wait()
}

// var g, gCtx = errgroup.WithContext(ctx): one declaration.
func varTuple(ctx context.Context, read func(int) ([]byte, error), n int) error {
	var g, gCtx = errgroup.WithContext(ctx)
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return upload(gCtx, chunk) })
	}
	return g.Wait()
}

// Declared first, made by an assignment.
func declaredThenMade(ctx context.Context, read func(int) ([]byte, error), n int) error {
	var g *errgroup.Group
	var gCtx context.Context
	g, gCtx = errgroup.WithContext(ctx)
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return upload(gCtx, chunk) })
	}
	return g.Wait()
}

// A pointer from new.
func newGroup(ctx context.Context, read func(int) ([]byte, error), n int) error {
	g := new(errgroup.Group)
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return upload(ctx, chunk) })
	}
	return g.Wait()
}

// A pointer to a composite literal, declared with var.
func addrGroup(ctx context.Context, read func(int) ([]byte, error), n int) error {
	var g = &errgroup.Group{}
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		g.Go(func() error { return upload(ctx, chunk) })
	}
	return g.Wait()
}

// A field of a local struct.
func structField(ctx context.Context, read func(int) ([]byte, error), n int) error {
	var s struct {
		g     errgroup.Group
		parts int
	}
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err // want `returning here leaves the tasks started on s.g running; cancel them and wait for s.g first`
		}
		s.parts++
		s.g.Go(func() error { return upload(ctx, chunk) })
	}
	return s.g.Wait()
}

type uploadState struct {
	wg   sync.WaitGroup
	errs chan error
}

// A field of a struct the function makes and points to.
func pointedField(ctx context.Context, read func(int) ([]byte, error), n int) error {
	u := &uploadState{errs: make(chan error, n)}
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err // want `returning here leaves the tasks started on u.wg running; cancel them and wait for u.wg first`
		}
		u.wg.Add(1)
		go func() {
			defer u.wg.Done()
			u.errs <- upload(ctx, chunk)
		}()
	}
	u.wg.Wait()
	close(u.errs)
	for err := range u.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Not reported: the struct is handed to a function that may wait.
func structEscapes(ctx context.Context, read func(int) ([]byte, error), n int, keep func(*uploadState)) error {
	var u uploadState
	keep(&u)
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err
		}
		u.wg.Add(1)
		go func() {
			defer u.wg.Done()
			_ = upload(ctx, chunk)
		}()
	}
	u.wg.Wait()
	return nil
}

// Not reported: the group was made elsewhere, whoever made it waits.
func givenGroup(ctx context.Context, shared *errgroup.Group, read func(int) ([]byte, error), n int) error {
	var g *errgroup.Group
	g = shared
	for i := range n {
		chunk, err := read(i)
		if err != nil {
			return err
		}
		g.Go(func() error { return upload(ctx, chunk) })
	}
	return nil
}

// A task held in a variable declared with var, and one declared first and
// assigned after, started with go in the loop.
func heldVar(ctx context.Context, items [][]byte) error {
	var wg sync.WaitGroup
	var run = func(chunk []byte) {
		defer wg.Done()
		_ = upload(ctx, chunk)
	}
	for _, it := range items {
		if it == nil {
			return context.Canceled // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
		wg.Add(1)
		go run(it)
	}
	wg.Wait()
	return nil
}

func heldAssigned(ctx context.Context, items [][]byte) error {
	var (
		wg  sync.WaitGroup
		run func([]byte)
	)
	run = func(chunk []byte) {
		defer wg.Done()
		_ = upload(ctx, chunk)
	}
	for _, it := range items {
		if it == nil {
			return context.Canceled // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
		wg.Add(1)
		go run(it)
	}
	wg.Wait()
	return nil
}
