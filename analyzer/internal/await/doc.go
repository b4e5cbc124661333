// Package await is the owner's side, cancel and wait: the task groups a
// function creates, where it starts and waits for their tasks, and the
// returns that leave tasks running, found by a dataflow over the
// function's control-flow graph.
package await
