// Package flow follows the paths through one function body: which error
// variables it can track, the single values locals hold, and a walker that
// carries abstract states through statements, forks them at cancellation
// tests, and records how each path leaves the function. It reads what
// recognize found and nothing above it.
package flow
