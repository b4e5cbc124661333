// Package fix builds the one suggested fix of each finding — propagation
// in the task, suppression at the owner's await site, cancel and wait at a
// leaking return — from small edits that keep the user's text, and checks
// every fix by type-checking the package again with it before it is
// offered.
package fix
