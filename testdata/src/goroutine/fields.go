package goroutine

// A method started as a method value on a value built at its launch reads
// its context and channels through the receiver's fields: what the launch
// put there, as a literal reads what it captured.

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"
)

// urlFetcher is built where it is started: its ctx is the caller's.
type urlFetcher struct {
	ctx  context.Context
	urls []string
	errc chan error
}

func (f *urlFetcher) run() {
	for _, u := range f.urls {
		err := fetchURL(f.ctx, u)
		if errors.Is(err, context.Canceled) {
			f.errc <- nil // want `sending nil swallows context\.Canceled`
			return
		}
		if err != nil {
			f.errc <- err
			return
		}
	}
	f.errc <- nil
}

func fetchAll(ctx context.Context, urls []string) error {
	f := &urlFetcher{ctx: ctx, urls: urls, errc: make(chan error, 1)}
	go f.run()
	return <-f.errc
}

// watcher keeps a done channel, not the context: <-w.done is the
// caller's ctx.Done().
type watcher struct {
	done   <-chan struct{}
	events <-chan int
}

func (w watcher) loop() error {
	for {
		select {
		case <-w.done:
			return nil // want `returning nil once the context is done`
		case ev := <-w.events:
			if ev < 0 {
				return errors.New("bad event")
			}
		}
	}
}

func watch(ctx context.Context, events <-chan int) error {
	var g errgroup.Group
	g.Go(watcher{ctx.Done(), events}.loop)
	return g.Wait()
}

// ticker keeps a callback beside its context: a func() field is no
// cancel, and the type does not own the context it was handed.
type ticker struct {
	ctx  context.Context
	show func()
	step func(context.Context) error
}

func (t ticker) run() error {
	for {
		select {
		case <-t.ctx.Done():
			return nil // want `returning nil once the context is done`
		default:
		}
		t.show()
		if err := t.step(t.ctx); err != nil {
			return err
		}
	}
}

func tick(ctx context.Context, show func(), step func(context.Context) error) error {
	var g errgroup.Group
	g.Go(ticker{ctx: ctx, show: show, step: step}.run)
	return g.Wait()
}

// service keeps the context it derived together with its cancel: its
// methods own that context (Stop cancels it).
type service struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newService(parent context.Context) *service {
	ctx, cancel := context.WithCancel(context.Background())
	_ = parent
	return &service{ctx: ctx, cancel: cancel}
}

func (s *service) serve() error {
	<-s.ctx.Done()
	return nil // negative: the context is the service's own, cancelled by Stop
}

func (s *service) Stop() { s.cancel() }

func runService(parent context.Context) error {
	s := newService(parent)
	var g errgroup.Group
	g.Go(s.serve)
	return g.Wait()
}

// drop's channel is the caller's errc, which nobody reads: no result
// travels there, as for a literal that captured it.
type drop struct {
	ctx  context.Context
	errc chan error
}

func (d drop) run() {
	err := work(d.ctx)
	if errors.Is(err, context.Canceled) {
		d.errc <- nil // negative: the launch's errc is never read
		return
	}
	d.errc <- err
}

func startDrop(ctx context.Context) {
	errc := make(chan error, 1)
	go drop{ctx: ctx, errc: errc}.run()
}

func fetchURL(ctx context.Context, url string) error { _ = url; return ctx.Err() }

// A literal that only forwards to the method starts the method: the same
// task as g.Go(p.run).
type poller struct {
	ctx  context.Context
	poll func(context.Context) error
}

func (p *poller) run() error {
	for {
		if err := p.poll(p.ctx); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil // want `returning nil swallows context\.Canceled`
			}
			return err
		}
	}
}

func startPoller(ctx context.Context, poll func(context.Context) error) error {
	p := &poller{ctx: ctx, poll: poll}
	var g errgroup.Group
	g.Go(func() error { return p.run() })
	return g.Wait()
}

// reader keeps a context made from a root with its only cancel, which
// Close calls: its goroutine's context is the reader's own.
type reader struct {
	stctx    context.Context
	stop     context.CancelFunc
	runError chan error
}

func newReader(next func(context.Context) error) *reader {
	stctx, stop := context.WithCancel(context.Background())
	r := &reader{stctx: stctx, stop: stop, runError: make(chan error, 1)}
	go r.run(next)
	return r
}

func (r *reader) run(next func(context.Context) error) {
	for {
		err := next(r.stctx)
		if errors.Is(err, r.stctx.Err()) {
			return // negative: the reader's own context, ended by Close
		}
		if err != nil {
			r.runError <- err
		}
	}
}

func (r *reader) Close() { r.stop() }
