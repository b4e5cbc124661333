// Package pool is a stub of github.com/sourcegraph/conc/pool for the tests.
package pool

import "context"

type Pool struct{}

func New() *Pool                              { return &Pool{} }
func (p *Pool) Go(f func())                   {}
func (p *Pool) Wait()                         {}
func (p *Pool) WithErrors() *ErrorPool        { return &ErrorPool{} }
func (p *Pool) WithMaxGoroutines(n int) *Pool { return p }

type ErrorPool struct{}

func (p *ErrorPool) Go(f func() error) {}
func (p *ErrorPool) Wait() error       { return nil }
func (p *ErrorPool) WithContext(ctx context.Context) *ContextPool {
	return &ContextPool{}
}

type ContextPool struct{}

func (p *ContextPool) Go(f func(ctx context.Context) error) {}
func (p *ContextPool) Wait() error                          { return nil }

type ResultErrorPool[T any] struct{}

func (p *ResultErrorPool[T]) Go(f func() (T, error)) {}
func (p *ResultErrorPool[T]) Wait() ([]T, error)     { return nil, nil }

func NewWithResults[T any]() *ResultPool[T] { return &ResultPool[T]{} }

type ResultPool[T any] struct{}

func (p *ResultPool[T]) Go(f func() T)                   {}
func (p *ResultPool[T]) Wait() []T                       { return nil }
func (p *ResultPool[T]) WithErrors() *ResultErrorPool[T] { return &ResultErrorPool[T]{} }
