// Package safe wraps callbacks, as traefik's safe.OperationWithRecover does.
package safe

// WithRecover returns op wrapped in a recover.
func WithRecover(op func() error) func() error {
	return func() error {
		defer func() { _ = recover() }()
		return op()
	}
}
