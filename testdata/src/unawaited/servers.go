package unawaited

import (
	"context"
	"errors"
	"sync"
)

// netServer stands for an HTTP or gRPC server: Serve runs until Shutdown,
// whatever context the function that started it holds.
type netServer interface {
	Serve() error
	Shutdown(ctx context.Context) error
}

// Servers started in a loop are stopped only by the shutdown further
// down: cancelling ctx does not end them, so waiting for them on the
// error path would hang. The leak is reported, no fix is offered.
func startServers(ctx context.Context, srvs []netServer, ready func(int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i, s := range srvs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = s.Serve()
		}()
		if err := ready(i); err != nil {
			return err // want `returning here leaves the tasks started on wg running; wait for wg first \(no automatic fix: nothing here can stop its tasks, and they are not seen to end: a call in them is handed no context\)`
		}
	}
	<-ctx.Done()
	for _, s := range srvs {
		_ = s.Shutdown(context.Background())
	}
	wg.Wait()
	return nil
}

// The same servers, each handed the context it serves under: cancelling
// it ends them, so the fix cancels and waits.
type ctxServer interface {
	ServeContext(ctx context.Context) error
}

func startServersCtx(ctx context.Context, srvs []ctxServer, ready func(int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i, s := range srvs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.ServeContext(ctx); err != nil && !errors.Is(err, context.Canceled) {
				return
			}
		}()
		if err := ready(i); err != nil {
			return err // want `returning here leaves the tasks started on wg running; cancel them and wait for wg first`
		}
	}
	wg.Wait()
	return nil
}

// Servers that trace under ctx but serve until a shutdown: the context
// reaches them, yet cancelling it does not end Serve.
func startTracedServers(ctx context.Context, srvs []netServer, ready func(int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i, s := range srvs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = trace(ctx, "serving")
			_ = s.Serve()
		}()
		if err := ready(i); err != nil {
			return err // want `returning here leaves the tasks started on wg running; wait for wg first \(no automatic fix: the tasks are not seen to end when their context is cancelled: they work under no context, or serve until stopped\)`
		}
	}
	<-ctx.Done()
	wg.Wait()
	return nil
}

func trace(ctx context.Context, msg string) error { return ctx.Err() }
