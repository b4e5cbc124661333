package analyzer

// RecognitionOptions returns o with every task-side swallow's nil taken as
// acted on: the default mode's recognition, tested apart from its
// consumer rule (consumers.go), which has packages of its own.
func RecognitionOptions(o Options) Options {
	o.everyNilConsumed = true
	return o
}
