// Package retry is a stub of a retry helper that passes on the context it
// is given.
package retry

import "context"

func Do(ctx context.Context, op func(context.Context) error) error { return op(ctx) }
