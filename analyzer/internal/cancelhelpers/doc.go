// Package cancelhelpers finds a package's cancellation helpers — predicates such
// as isCanceled(err) and suppressors such as ignoreCanceled(err) — by
// walking their bodies as the task side walks a task, and exports them as
// facts for the packages that import it.
package cancelhelpers
