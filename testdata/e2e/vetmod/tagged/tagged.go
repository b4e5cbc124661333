// Package tagged swallows a cancellation only in a file behind a build
// tag: -tags decides whether the tool sees it.
package tagged

import "context"

func work(ctx context.Context) error { return ctx.Err() }
