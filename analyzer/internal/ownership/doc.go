// Package ownership decides which context each cancellation test observes
// and who may cancel it: the contexts a function derives and causes to
// end, the ones it received, the types that keep a context with its
// cancel, and callers one call away that own what a function suppresses.
package ownership
