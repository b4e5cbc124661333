package unawaitedstrict

import (
	"errors"

	"golang.org/x/sync/errgroup"
)

// Tasks that only compute, left on an error return: the default leaves
// them (they end by themselves), the audit lists them.
func parseAll(files [][]byte, versions []int) ([]int, error) {
	var g errgroup.Group
	out := make([]int, len(files))
	for i, f := range files {
		if versions[i] < 0 {
			return nil, errors.New("bad version") // want `returning here leaves the tasks started on g running`
		}
		g.Go(func() error {
			out[i] = len(f)
			return nil
		})
	}
	return out, g.Wait()
}
