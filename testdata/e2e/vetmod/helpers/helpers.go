// Package helpers defines cancellation helpers for package tasks: the
// analyzer must see them across the package boundary in every driver.
package helpers

import (
	"context"
	"errors"
)

// IsCanceled reports whether err is a cancellation.
func IsCanceled(err error) bool { return errors.Is(err, context.Canceled) }

// Ignore maps cancellation to nil.
func Ignore(err error) error {
	if IsCanceled(err) {
		return nil
	}
	return err
}
