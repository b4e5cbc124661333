// Package pool is a stub of github.com/sourcegraph/conc/pool for the tests.
package pool

import "context"

type ErrorPool struct{}

func (p *ErrorPool) Go(f func() error) {}
func (p *ErrorPool) Wait() error       { return nil }

type ContextPool struct{}

func (p *ContextPool) Go(f func(ctx context.Context) error) {}
func (p *ContextPool) Wait() error                          { return nil }

type ResultErrorPool[T any] struct{}

func (p *ResultErrorPool[T]) Go(f func() (T, error)) {}
