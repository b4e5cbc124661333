// Package swallows finds the swallows on the task side: which functions of
// a package are task bodies, and for each cancellation test of one, the
// paths where it holds that report success or keep working, whether they
// make a difference, and the category users filter them by.
package swallows
