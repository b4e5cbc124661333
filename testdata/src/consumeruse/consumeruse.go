package consumeruse // want package:"false successes"

// Package consumeruse calls consumerlib's swallowing functions: a call
// whose caller acts on the nil is reported here.

import (
	"context"
	"log"

	"consumerlib"
)

type job struct{ done bool }

// Finish marks the job done once Copy returns nil.
func (j *job) Finish(ctx context.Context) error {
	if err := consumerlib.Copy(ctx, 3); err != nil { // want `consumerlib.Copy returns nil once its context is done \(consumerlib.go:\d+\), and this caller goes on as if it had finished`
		return err
	}
	j.done = true
	return nil
}

// Use uses what Fill returned beside its nil.
func Use(ctx context.Context, buf []byte) int {
	n, err := consumerlib.Fill(ctx, buf) // want `consumerlib.Fill returns nil once its context is done`
	if err != nil {
		return -1
	}
	return n * 2
}

// Through acts on Run's nil, which is Copy's.
func Through(ctx context.Context, c *consumerlib.Client, j *job) {
	err := c.Run(ctx) // want `consumerlib.Client.Run returns nil`
	if err == nil {
		j.done = true
	}
}

// Logs only logs: nothing acts on the nil.
func Logs(ctx context.Context) {
	if err := consumerlib.Copy(ctx, 1); err != nil {
		log.Print(err)
	}
}

// Checks learns of the cancellation from the context itself.
func Checks(ctx context.Context, j *job) error {
	if err := consumerlib.Copy(ctx, 1); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	j.done = true
	return nil
}

// Forward passes the nil on to its own callers in other packages: it
// exports the fact in turn.
func Forward(ctx context.Context) error { // want Forward:`false success\(done\)`
	return consumerlib.Copy(ctx, 2)
}
