// Package recognize holds what the code says, read from syntax and types
// alone: the objects the analyzer cares about (context sentinels and
// methods, errors.Is, gRPC codes, error constructors), cancellation tests,
// the helper facts that carry predicates and suppressors across packages,
// how functions are launched and where their results travel, and which
// files are tests. It depends on no other layer.
package recognize
