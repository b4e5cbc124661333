package consumers

import (
	"context"
	"errors"
)

// A replicator that stops on its context returns nil; the function above
// it writes any error into the workflow's message, and the controller
// records each run's outcome. Propagating would write every stop into
// the message table as a failure: the swallow is reported without a fix.

type workflowState struct {
	messages []string
	lastErr  error
	runs     int
	done     bool
}

func (w *workflowState) setMessage(msg string) { w.messages = append(w.messages, msg) }

func (w *workflowState) record(err error) { w.lastErr, w.runs = err, w.runs+1 }

func (w *workflowState) replicate(ctx context.Context, events <-chan string) error {
	for {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation.*\(no automatic fix: a caller logs or records every error it gets as a failure, and would do so at each stop\)`
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			if ev == "" {
				return errors.New("bad event")
			}
		}
	}
}

func (w *workflowState) replicateAndReport(ctx context.Context, events <-chan string) error {
	err := w.replicate(ctx, events)
	if err == nil {
		return nil
	}
	w.setMessage(err.Error())
	return err
}

func (w *workflowState) runOnce(ctx context.Context, events <-chan string) {
	err := w.replicateAndReport(ctx, events)
	w.record(err)
	if err != nil {
		return
	}
	w.done = true
}
