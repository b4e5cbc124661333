package unawaitedstrict

import (
	"context"
	"sync"
)

type node struct {
	children []*node
	hash     string
}

func hashOf(ctx context.Context, n *node) string {
	if err := fetch(ctx, n.hash); err != nil {
		return ""
	}
	return n.hash
}

// One flag decides both whether the tasks start and whether they are
// waited for: on the path where it is false, nothing was started.
func commit(ctx context.Context, n *node, parallel bool) {
	var wg sync.WaitGroup
	for i, c := range n.children {
		if !parallel {
			c.hash = hashOf(ctx, c)
		} else {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				n.children[i].hash = hashOf(ctx, n.children[i])
			}(i)
		}
	}
	if parallel {
		wg.Wait()
	}
}

// The flag made by the function, and the start in the then-branch.
func commitAll(ctx context.Context, nodes []*node) {
	parallel := len(nodes) > 8
	var wg sync.WaitGroup
	for _, n := range nodes {
		if parallel {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n.hash = hashOf(ctx, n)
			}()
			continue
		}
		n.hash = hashOf(ctx, n)
	}
	if !parallel {
		return
	}
	wg.Wait()
}

// The flag changes between the start and the wait: the path that skips
// the wait may have started tasks.
func commitChanged(ctx context.Context, nodes []*node, parallel bool) {
	var wg sync.WaitGroup
	for _, n := range nodes {
		if parallel {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n.hash = hashOf(ctx, n)
			}()
		}
	}
	parallel = len(nodes) > 1
	if parallel {
		wg.Wait()
	}
} // want `the function ends here leaves the tasks started on wg running; wait for wg first`

// Another flag guards the wait.
func commitOther(ctx context.Context, nodes []*node, parallel, wait bool) {
	var wg sync.WaitGroup
	for _, n := range nodes {
		if parallel {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n.hash = hashOf(ctx, n)
			}()
		}
	}
	if wait {
		wg.Wait()
	}
} // want `the function ends here leaves the tasks started on wg running; wait for wg first`
