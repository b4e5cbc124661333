// Package tests holds test code, which owns every context it makes and
// hands to its helpers: nothing in _test.go files is reported.
package tests

import (
	"context"
	"errors"
)

// Poll is package code beside the tests: a task body like any other.
func Poll(ctx context.Context, work func(context.Context) error) error {
	err := work(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // want `returning nil swallows context\.Canceled`
	}
	return err
}
