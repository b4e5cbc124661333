package unawaited

import (
	"errors"
	"os"

	"golang.org/x/sync/errgroup"
)

// Parses of bytes already in memory, left when a later file's version
// check fails: the tasks only compute (no context, no channel, no I/O, in
// what they call here too) and end a moment after the error return, into a
// slice nobody reads. The audit lists it; the default does not.
func parseAll(files [][]byte, versions []int) ([]int, error) {
	var g errgroup.Group
	out := make([]int, len(files))
	for i, f := range files {
		if versions[i] < 0 {
			return nil, errors.New("bad version")
		}
		g.Go(func() error {
			n, err := parseBytes(f)
			out[i] = n
			return err
		})
	}
	return out, g.Wait()
}

func parseBytes(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, errors.New("empty")
	}
	return countLines(b), nil
}

func countLines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

// The same loop whose tasks write files through a helper: they go on
// changing the disk after the error return.
func writeAll(files [][]byte, names []string) error {
	var g errgroup.Group
	for i, f := range files {
		if names[i] == "" {
			return errors.New("no name") // want `returning here leaves the tasks started on g running; wait for g first \(no automatic fix: nothing here can stop its tasks, and they are not seen to end: a call in them is handed no context\)`
		}
		g.Go(func() error { return saveFile(names[i], f) })
	}
	return g.Wait()
}

func saveFile(name string, b []byte) error {
	return os.WriteFile(name, b, 0o600)
}
