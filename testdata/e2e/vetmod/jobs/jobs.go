// Package jobs acts on the nils of package tasks: each call whose job is
// then marked done is where the false success lands.
package jobs

import (
	"context"

	"example.com/vetmod/tasks"
)

// Job records what finished.
type Job struct {
	Quieted, Waited bool
}

// Run marks each step done once it returns nil.
func (j *Job) Run(ctx context.Context, ready <-chan error) error {
	if err := tasks.Quiet(ctx); err != nil {
		return err
	}
	j.Quieted = true
	err := tasks.Wait(ctx, ready)
	if err != nil {
		return err
	}
	j.Waited = true
	return nil
}
