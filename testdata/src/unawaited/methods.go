package unawaited

// Tasks started as method values on values built at the launch: the leak
// fix sees their bodies through the receiver's fields, as it sees a
// literal's.

import (
	"context"
	"net/http"
	"sync"

	"golang.org/x/sync/errgroup"
)

// uploader watches the group's context through its field: cancel it, then
// wait.
type uploader struct {
	ctx   context.Context
	chunk string
}

func (u uploader) put() error { return fetch(u.ctx, u.chunk) }

func uploadAll(ctx context.Context, chunks []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, c := range chunks {
		if err := check(c); err != nil {
			return err // want `returning here leaves the tasks started on g running; cancel them and wait for g first`
		}
		up := &uploader{ctx: gctx, chunk: c}
		g.Go(up.put)
	}
	return g.Wait()
}

// listener runs until its own Shutdown: nothing here ends it with a context,
// so waiting for it would turn the return into a hang; no fix.
type listener struct {
	srv *http.Server
}

func (s listener) serve() { _ = s.srv.ListenAndServe() }

func serveAll(ctx context.Context, addrs []string) error {
	var wg sync.WaitGroup
	for _, a := range addrs {
		if err := check(a); err != nil {
			return err // want `returning here leaves the tasks started on wg running; wait for wg first`
		}
		wg.Go(listener{srv: &http.Server{Addr: a}}.serve)
	}
	<-ctx.Done()
	wg.Wait()
	return nil
}
