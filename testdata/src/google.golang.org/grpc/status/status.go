// Package status is a stub of google.golang.org/grpc/status for the tests.
package status

import (
	"errors"

	"google.golang.org/grpc/codes"
)

type Status struct{ code codes.Code }

func (s *Status) Code() codes.Code { return s.code }
func (s *Status) Err() error       { return errors.New("status") }

func Code(err error) codes.Code            { return codes.Unknown }
func Convert(err error) *Status            { return &Status{} }
func FromError(err error) (*Status, bool)  { return &Status{}, true }
func Error(c codes.Code, msg string) error { return errors.New(msg) }
