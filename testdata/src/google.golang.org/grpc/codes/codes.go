// Package codes is a stub of google.golang.org/grpc/codes for the tests.
package codes

type Code uint32

const (
	OK               Code = 0
	Canceled         Code = 1
	Unknown          Code = 2
	DeadlineExceeded Code = 4
	Unimplemented    Code = 12
	Unavailable      Code = 14
)
