package precision

import (
	"context"
	"errors"
	"fmt"
	"log"

	"services"
)

// Callers that pass a callee's error straight on: the callers above them
// judge its nil.

type worker struct {
	mark func()
}

// callWithBackoff's callers only pass its error on, to a loop that logs.
func (w *worker) callWithBackoff(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		// Every nil taken as acted on; every caller passes the error on to a loop that only logs: -strict's, no fix.
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func (w *worker) complete(ctx context.Context) error {
	return w.callWithBackoff(ctx)
}

func (w *worker) retain(ctx context.Context) error {
	if err := w.callWithBackoff(ctx); err != nil {
		return fmt.Errorf("retain: %w", err)
	}
	return nil
}

func (w *worker) fail(ctx context.Context, msg string) error {
	err := w.callWithBackoff(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", msg, err)
	}
	return errors.New(msg)
}

// process passes complete's error on in turn: two calls between the nil
// and the loop.
func (w *worker) process(ctx context.Context, kind int) (int, error) {
	switch kind {
	case 0:
		n, err := w.count(ctx)
		if err != nil {
			return 0, err
		}
		return n, nil
	case 1:
		return 0, w.complete(ctx)
	case 2:
		return 0, w.retain(ctx)
	}
	return 0, w.fail(ctx, "unknown job")
}

func (w *worker) count(ctx context.Context) (int, error) {
	if err := w.callWithBackoff(ctx); err != nil {
		return 0, err
	}
	return 1, nil
}

func (w *worker) run(ctx context.Context) {
	for ctx.Err() == nil {
		if _, err := w.process(ctx, 0); err != nil {
			log.Print(err)
		}
	}
}

// markAfter's caller passes the error on but marks work done on a nil
// first: the nil is taken as success.
func (w *worker) markAfter(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (w *worker) markStep(ctx context.Context) error {
	if err := w.markAfter(ctx); err != nil {
		return err
	}
	w.mark()
	return nil
}

func (w *worker) markLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := w.markStep(ctx); err != nil {
			log.Print(err)
		}
	}
}

// chained's pass-through caller is itself called by code that acts on
// the nil.
func (w *worker) chained(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller logs or records every error it gets as a failure, and would do so at each stop\)`
	}
	return err
}

func (w *worker) chainedStep(ctx context.Context) error {
	return w.chained(ctx)
}

func (w *worker) chainedLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := w.chainedStep(ctx); err != nil {
			log.Print(err)
			continue
		}
		w.mark()
	}
}

// Exported pass-through callers may have callers the package cannot see.
type Job struct{}

func (j *Job) below(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (j *Job) Step(ctx context.Context) error {
	return j.below(ctx)
}

func (j *Job) stepLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := j.Step(ctx); err != nil {
			log.Print(err)
		}
	}
}

// Passing on another context than the one received: the caller's callers
// do not see the callee's.
func (w *worker) detachedBelow(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (w *worker) detached(ctx context.Context) error {
	return w.detachedBelow(context.WithoutCancel(ctx))
}

func (w *worker) detachedLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := w.detached(ctx); err != nil {
			log.Print(err)
		}
	}
}

// A pass-through caller that calls itself reaches no one else.
func (w *worker) recursive(ctx context.Context, n int) error {
	if n > 0 {
		return w.recursive(ctx, n-1)
	}
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

// A callback literal in between is not a declared caller to read further.
func (w *worker) viaLiteral(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (w *worker) literalLoop(ctx context.Context) {
	step := func(ctx context.Context) error { return w.viaLiteral(ctx) }
	for ctx.Err() == nil {
		if err := step(ctx); err != nil {
			log.Print(err)
		}
	}
}

// Exported methods of a type that only this package holds: every caller
// is in sight.
type proc struct {
	records chan int
}

type Consumer struct {
	p *proc // unexported: the type does not leave the package
}

func newConsumer() *Consumer {
	c := &Consumer{p: &proc{}}
	c.p.svc()
	return c
}

func (p *proc) svc() *services.Service {
	return services.NewBasicService(nil, p.running, nil)
}

// running is handed to the framework and passes Run's error on: Run's nil
// is the framework's clean stop (listed by -strict).
func (p *proc) running(ctx context.Context) error {
	return p.Run(ctx)
}

func (p *proc) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil // negative: Run is the framework's running function, one call down
		case v, ok := <-p.records:
			if !ok {
				return nil
			}
			if v < 0 {
				return errors.New("negative record")
			}
		}
	}
}

// Drain is exported on an unexported type whose only caller only logs.
func (p *proc) Drain(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		// Every nil taken as acted on; the type stays in the package and its one caller only logs: -strict's, no fix.
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func (p *proc) pollLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := p.Drain(ctx); err != nil {
			log.Print(err)
		}
	}
}

// A type that an exported function hands out: any package may call Fetch.
type handedOut struct{}

func NewHandedOut() *handedOut { return &handedOut{} }

func (h *handedOut) Fetch(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (h *handedOut) pollLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := h.Fetch(ctx); err != nil {
			log.Print(err)
		}
	}
}

// A type embedded in an exported struct: its methods are promoted.
type embedded struct{}

type Outer struct {
	*embedded
}

func (e *embedded) Load(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (e *embedded) pollLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := e.Load(ctx); err != nil {
			log.Print(err)
		}
	}
}

// A type stored in a variable of an interface that has the method: code
// that never names the type calls it.
type Poller interface {
	Poll(ctx context.Context) error
}

type viaInterface struct{}

var defaultPoller Poller = &viaInterface{}

func (v *viaInterface) Poll(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (v *viaInterface) pollLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := v.Poll(ctx); err != nil {
			log.Print(err)
		}
	}
}

// Generic: a type parameter's method is reached through its constraint.
type runner interface {
	Tick(ctx context.Context) error
}

func pollAll[R runner](ctx context.Context, rs []R) {
	for _, r := range rs {
		if err := r.Tick(ctx); err != nil {
			log.Print(err)
		}
	}
}

type genericTarget struct{}

func (g *genericTarget) Tick(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func useGeneric(ctx context.Context) {
	pollAll(ctx, []*genericTarget{{}})
}

// receive's callers: a goroutine that logs err.Error(), and a pass-through
// from a command that made its own context.
func receive(ctx context.Context, events <-chan int) error {
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			if ev < 0 {
				return errors.New("bad event")
			}
		case <-ctx.Done():
			// Every nil taken as acted on; one caller logs, the other passes it on to a command that made ctx: -strict's, no fix.
			return nil // want `returning nil once the context is done hides the cancellation.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
		}
	}
}

func watchRun(ctx context.Context, events, more <-chan int) error {
	go func() {
		if err := receive(ctx, more); err != nil {
			log.Printf("watch: %s", err.Error())
		}
	}()
	return receive(ctx, events)
}

func watchCmd(events, more <-chan int) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return watchRun(ctx, events, more)
}

// receiveKept's caller keeps the message: more than a log line.
func receiveKept(ctx context.Context, events <-chan int) error {
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			if ev < 0 {
				return errors.New("bad event")
			}
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		}
	}
}

func (w *worker) watchKept(ctx context.Context, events <-chan int) string {
	if err := receiveKept(ctx, events); err != nil {
		return err.Error()
	}
	return ""
}

// A generic type's exported method, with an interface of that method in
// the package: the type could be converted to it, so the method counts as
// reachable from outside.
type box[T any] struct{ items chan T }

type flusher interface {
	Flush(ctx context.Context) error
}

func flushWith(d flusher) {}

func (b *box[T]) Flush(ctx context.Context) error {
	for {
		select {
		case _, ok := <-b.items:
			if !ok {
				return nil
			}
			if len(b.items) > 100 {
				return errors.New("backlog")
			}
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		}
	}
}

func (b *box[T]) flushLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := b.Flush(ctx); err != nil {
			log.Print(err)
		}
	}
}

// A generic type whose exported method no interface names: in sight.
type bag[T any] struct{ items chan T }

func (b *bag[T]) Empty(ctx context.Context) error {
	for {
		select {
		case _, ok := <-b.items:
			if !ok {
				return nil
			}
			if len(b.items) > 100 {
				return errors.New("backlog")
			}
		case <-ctx.Done():
			// Every nil taken as acted on; the type stays in the package and its one caller only logs: -strict's, no fix.
			return nil // want `returning nil once the context is done hides the cancellation.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
		}
	}
}

func (b *bag[T]) emptyLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := b.Empty(ctx); err != nil {
			log.Print(err)
		}
	}
}

// The caller stores the error in its named result and returns it bare.
func (w *worker) namedBelow(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}

func (w *worker) namedCaller(ctx context.Context) (err error) {
	err = w.namedBelow(ctx)
	if err != nil {
		log.Print(err)
	}
	return
}

// A generic pass-through: its instances are calls of one function.
func (w *worker) genericBelow(ctx context.Context) error {
	_, err := fetch(ctx)
	if errors.Is(err, context.Canceled) {
		// Every nil taken as acted on; the generic caller passes it on to a loop that only logs: -strict's, no fix.
		return nil // want `returning nil swallows context\.Canceled.*\(no automatic fix: a caller only logs the error, and would log every stop as a failure\)`
	}
	return err
}

func forwardEach[T any](ctx context.Context, w *worker, items []T) error {
	for range items {
		if err := w.genericBelow(ctx); err != nil {
			return err
		}
		return nil
	}
	return nil
}

func (w *worker) genericLoop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := forwardEach(ctx, w, []int{1}); err != nil {
			log.Print(err)
		}
		if err := forwardEach(ctx, w, []string{"a"}); err != nil {
			log.Print(err)
		}
	}
}
