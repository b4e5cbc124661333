// Package grpc holds cancellation tests written with gRPC status codes.
package grpc

import (
	"context"
	"log"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func call(ctx context.Context) error { return ctx.Err() }

func statusCode(ctx context.Context) error {
	err := call(ctx)
	if status.Code(err) == codes.Canceled {
		return nil // want `returning nil swallows codes\.Canceled`
	}
	return err
}

func codeSwitch(ctx context.Context) error {
	err := call(ctx)
	switch status.Code(err) {
	case codes.OK:
		return nil
	case codes.Canceled, codes.DeadlineExceeded:
		return nil // want `returning nil swallows the cancellation`
	default:
		return err
	}
}

func codeVariable(ctx context.Context) error {
	err := call(ctx)
	code := status.Code(err)
	if code == codes.DeadlineExceeded {
		return nil // want `returning nil swallows codes\.DeadlineExceeded`
	}
	return err
}

func fromError(ctx context.Context) (int, error) {
	err := call(ctx)
	if err == nil {
		return 1, nil
	}
	s, _ := status.FromError(err)
	if s.Code() == codes.Canceled {
		return 0, nil // want `returning nil swallows codes\.Canceled`
	}
	return 0, err
}

func convert(ctx context.Context) error {
	err := call(ctx)
	if status.Convert(err).Code() != codes.Canceled {
		return err
	}
	return nil // want `returning nil swallows codes\.Canceled`
}

func otherCode(ctx context.Context) error {
	err := call(ctx)
	if status.Code(err) == codes.Unavailable {
		return nil // negative: Unavailable is not a cancellation
	}
	return err
}

func logOnly(ctx context.Context) error {
	err := call(ctx)
	if code := status.Code(err); code != codes.Unavailable && code != codes.Canceled {
		log.Print("unexpected: ", err) // negative: the test only gates logging
	}
	if err != nil {
		return err
	}
	return nil
}

func mapsToStatus(ctx context.Context) error {
	err := call(ctx)
	if status.Code(err) == codes.Canceled {
		return status.Error(codes.Canceled, "canceled") // negative: still an error
	}
	return err
}
