package subject

import "context"

// Done counts the calls that came back finished. Count takes each nil for
// finished work, which is where the default mode reports a swallow.
var Done int

func Count(ctx context.Context, stop <-chan struct{}) {
	if err := Poll(ctx); err == nil {
		Done++
	}
	if err := Quiet(ctx); err == nil {
		Done++
	}
	if err := RunUntil(stop); err == nil {
		Done++
	}
	if err := A(ctx); err == nil {
		Done++
	}
	if err := B(ctx); err == nil {
		Done++
	}
	if err := C(ctx); err == nil {
		Done++
	}
	if err := D(ctx); err == nil {
		Done++
	}
	if err := E(ctx); err == nil {
		Done++
	}
	if err := NolintAboveReported(ctx); err == nil {
		Done++
	}
	if err := NolintOnReported(ctx); err == nil {
		Done++
	}
	if err := NolintOnTest(ctx); err == nil {
		Done++
	}
}
