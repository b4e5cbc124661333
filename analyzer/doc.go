// Package analyzer defines an Analyzer that reports task bodies which
// catch their context's cancellation and report success instead.
//
// # Analyzer swallowcancel
//
// swallowcancel: report tasks that swallow their context's cancellation
//
// A context's cancellation is a request from the code that owns the
// context: "stop, and tell me you stopped". A task honours it by
// returning ctx.Err(), or the error its callee returned, which
// errors.Is(err, context.Canceled) still recognises. A task that catches
// the cancellation and returns nil makes its caller unable to tell
// "finished" from "gave up":
//
//	g.Go(func() error {
//		if err := fetch(ctx, url); err != nil {
//			if errors.Is(err, context.Canceled) {
//				return nil // WRONG: returning nil swallows context.Canceled
//			}
//			return err
//		}
//		return nil
//	})
//
// Return the error from the task, and ignore cancellation where it was
// requested, at the owner that cancels the context and awaits the task:
//
//	g.Go(func() error {
//		return fetch(ctx, url) // RIGHT
//	})
//	if err := g.Wait(); err != nil && !errors.Is(err, context.Canceled) {
//		return err
//	}
//
// A task body is a function started by go or a launcher such as
// (*errgroup.Group).Go, a function with a context parameter and an error
// result, or a literal with an error result passed as a callback that
// uses a context it did not create. A cancellation test is errors.Is or ==
// against context.Canceled or context.DeadlineExceeded, a comparison with
// ctx.Err(), a gRPC code test, a predicate helper, or an observation that
// the context is done (<-ctx.Done(), ctx.Err() != nil). A swallow is what
// follows a test on the branch where it holds: a nil error returned, an
// error set to nil and returned, a nil sent, a continue back to more work,
// or the result of a helper that maps cancellation to nil. It is reported
// only where it makes a difference: a function that drops every failure
// alike is left to other linters.
//
// Code that created the context and causes its cancellation (it calls the
// cancel function, or set a timeout for DeadlineExceeded), methods of a
// type that keeps a context with its cancel, an unexported function whose
// every caller hands it a context the caller owns, code that received no
// context, and suppressions guarded by the parent context still being
// live (errors.Is(err, context.Canceled) && ctx.Err() == nil) are owners:
// suppression belongs there and is not reported.
//
// Each diagnostic has a category: error (a test that singles out
// cancellation), done (a nil error once the context is done), loop
// (continuing after cancellation), helper (a suppressor helper's result
// returned) and owner (-strict only). The -strict flag also reports
// service loops, whose nil can only mean "cancelled", and done
// observations in functions whose other results tell the caller what
// happened. The -deadline=false flag ignores context.DeadlineExceeded,
// and -launchers names more functions that start tasks, by full name
// ("example.com/pkg.Spawn", "(*example.com/pkg.Runner).Go"); a name that
// its package does not declare, as written, is an error.
package analyzer
