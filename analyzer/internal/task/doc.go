// Package task finds the swallows on the task side: for each cancellation
// test of a task body, the paths where it holds that report success or
// keep working, whether they make a difference, and the category users
// filter them by.
package task
