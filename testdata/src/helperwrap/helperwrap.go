package helperwrap // want package:"cancellation helpers"

// This package wraps helperlib's helpers without importing context: the
// facts of the package it imports make it a helper package too.

import "helperlib"

func IsStopped(err error) bool { return helperlib.IsCanceled(err) } // want IsStopped:`predicate\(error 0: Canceled\)`

func Quiet(err error) error { return helperlib.IgnoreCanceled(err) } // want Quiet:`suppressor\(error 0: Canceled\)`
