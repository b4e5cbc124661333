// Package backoff is a stub of github.com/cenkalti/backoff for the tests.
package backoff

type BackOff interface{ NextBackOff() int }

func Retry(op func() error, b BackOff) error { return op() }

// Notify is called with each failed attempt's error.
type Notify func(error, int)

func RetryNotify(op func() error, b BackOff, notify Notify) error { return op() }
