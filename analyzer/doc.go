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
// A task body is a function passed to a launcher such as
// (*errgroup.Group).Go, a function with a context parameter and an error
// result, or a literal with an error result passed as a callback that
// uses a context it did not create — in place, held in a variable first,
// or wrapped by another call. A goroutine reports through a channel it
// sends errors on, whoever reads it: the launching function, its caller,
// or the holder of the struct the channel is a field of; go f() discards
// f's error result, so that reports nothing. A
// cancellation test is errors.Is or == against context.Canceled or
// context.DeadlineExceeded, a comparison with ctx.Err(), a gRPC code
// test, a predicate helper, or an observation that the context is done
// (<-ctx.Done(), ctx.Err() != nil). A swallow is what follows a test on
// the branch where it holds: a nil error returned, an error set to nil
// and returned (in a deferred closure too), a nil sent or no send where
// failures are sent, a continue back to more work, or the result of a
// helper that maps cancellation to nil. It is reported only where it
// makes a difference: a function that drops every failure alike is left
// to other linters, and one that reports the cancellation through another
// result (return res, true, nil) is told apart by its caller.
//
// Each test is judged by the context it observes. The cancellation a
// function owns is what its own cancel or timeout causes on a context it
// derived; the received context, and a work error produced under it, is
// never the function's to suppress. Owners — code that created the
// context and causes its cancellation, methods of a type that keeps a
// context with its cancel, a function whose shutdown handler calls a
// cancel its type stored, a function only its package can call whose
// every caller owns the cancellation, re-checks the context right after
// the call, drops the error, only logs it, or passes it straight on from
// a function whose own callers do, a function handed to another package
// that calls it with contexts of its own (a service framework's running
// callback) or called only from one that passes its error on, a task
// whose group's every Wait only logs the error (these two in -strict),
// code that received no context, test code and test support —
// suppress where suppression belongs. So does a suppression guarded by
// the parent still being live, checked after the work ended
// (errors.Is(err, context.Canceled) && ctx.Err() == nil); a check made
// before a wait or a call that is handed the context guards nothing after
// it.
//
// The owner's side is cancel and wait: a function that starts tasks on a
// group it created (errgroup, sync.WaitGroup, conc, a -launchers method
// whose type has Wait) and leaves without waiting loses their errors and
// leaves them running:
//
//	g, ctx := errgroup.WithContext(ctx)
//	for _, url := range urls {
//		if err := check(url); err != nil {
//			return err // WRONG: returning here leaves the tasks started on g running
//		}
//		g.Go(func() error { return fetch(ctx, url) })
//	}
//	return g.Wait()
//
// Cancel the tasks and wait for them before leaving:
//
//	if err := check(url); err != nil {
//		cancel()
//		_ = g.Wait() // RIGHT
//		return err
//	}
//
// Each diagnostic has a category: error (a test that singles out
// cancellation), done (a nil error once the context is done), loop
// (continuing after cancellation), helper (a suppressor helper's result
// returned), owner (-strict only) and unawaited (an owner that leaves its
// tasks running: by default a fan-out left behind on an error path, or a
// group never waited on). The -strict flag is the audit: it also reports
// service loops, whose nil can only mean "cancelled", done observations
// in functions whose other results tell the caller what happened, tasks
// that never report a failure, waits that give up alike on their own
// timer, and every path that leaves tasks running. The -deadline=false
// flag ignores context.DeadlineExceeded, and -launchers names more
// functions that start tasks, by full name ("example.com/pkg.Spawn",
// "(*example.com/pkg.Runner).Go"); a name that its package does not
// declare, as written, is an error.
//
// Every fix is checked before it is offered: the package is type-checked
// again with the fixed file and go vet's unreachable check runs on it. A
// diagnostic whose fix would not build, or cannot be made right, carries
// none and says why.
package analyzer
