package consumers

import (
	"context"
	"errors"
)

// Hooks run through an interface: the runner stores each hook's state
// once its Prestart returns nil, so a hook that returns nil when its
// context ends has its unfinished work recorded as done.

type prestartHook interface {
	Name() string
	Prestart(ctx context.Context, resp *hookResp) error
}

type hookResp struct {
	Env  map[string]string
	Done bool
}

type secretsHook struct{ unblock chan struct{} }

func (h *secretsHook) Name() string { return "secrets" }

func (h *secretsHook) Prestart(ctx context.Context, resp *hookResp) error {
	if h.unblock == nil {
		return errors.New("no templates")
	}
	select {
	case <-ctx.Done():
		return nil // want `returning nil once the context is done hides the cancellation`
	case <-h.unblock:
	}
	resp.Env = map[string]string{"SECRET": "x"}
	resp.Done = true
	return nil
}

// A value receiver is dispatched to as well.
type envHook struct{ src string }

func (h envHook) Name() string { return "env" }

func (h envHook) Prestart(ctx context.Context, resp *hookResp) error {
	err := stat(ctx, h.src)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context.Canceled`
	}
	if err != nil {
		return err
	}
	resp.Env = map[string]string{"SRC": h.src}
	return nil
}

type taskRunner struct {
	hooks []prestartHook
	state map[string]*hookResp
}

func (tr *taskRunner) prestart(ctx context.Context) error {
	for _, h := range tr.hooks {
		var resp hookResp
		if err := h.Prestart(ctx, &resp); err != nil {
			return err
		}
		tr.state[h.Name()] = &resp
	}
	return nil
}

// A method of the same name and another signature implements nothing
// the package calls: no consumer is seen, and the swallow is -strict's.
type lateHook struct{ unblock chan struct{} }

func (h *lateHook) Prestart(ctx context.Context) error {
	if h.unblock == nil {
		return errors.New("no templates")
	}
	select {
	case <-ctx.Done():
		return nil
	case <-h.unblock:
	}
	return nil
}

// A poller whose one caller re-checks the context after the call: the
// nil is not taken for finished work.
type poller interface {
	pollOnce(ctx context.Context) error
}

type feedPoller struct{ feed chan string }

func (p *feedPoller) pollOnce(ctx context.Context) error {
	if p.feed == nil {
		return errors.New("no feed")
	}
	select {
	case <-ctx.Done():
		return nil
	case <-p.feed:
	}
	return nil
}

func pollAll(ctx context.Context, ps []poller) error {
	for _, p := range ps {
		if err := p.pollOnce(ctx); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
