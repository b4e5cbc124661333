// Package services is a stub of a service framework (dskit's services):
// it makes the context its running function gets, cancels it on stop, and
// takes a nil from it as a clean stop.
package services

import "context"

type Service struct{}

func NewBasicService(start, run func(context.Context) error, stop func(error) error) *Service {
	return &Service{}
}
