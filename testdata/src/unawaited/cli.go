package unawaited

import (
	"context"
	"errors"
	"sync"

	"github.com/spf13/cobra"
)

// A CLI command's handler: once it returns, the process exits, and the
// tasks it leaves end with it (vitess's zk zip). As for main, leaks there
// are not reported; what only the handler calls is the handler's.
var zipCmd = &cobra.Command{
	Use:  "zip",
	RunE: commandZip,
}

func commandZip(cmd *cobra.Command, paths []string) error {
	return zipAll(cmd.Context(), paths)
}

func zipAll(ctx context.Context, paths []string) error {
	var wg sync.WaitGroup
	for _, p := range paths {
		if p == "" {
			return errors.New("empty path")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = zipOne(ctx, p)
		}()
	}
	wg.Wait()
	return nil
}

// Assigned to the field rather than given in the literal.
func newCopyCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "cp"}
	cmd.RunE = commandCopy
	return cmd
}

func commandCopy(cmd *cobra.Command, paths []string) error {
	var wg sync.WaitGroup
	for _, p := range paths {
		if p == "" {
			return errors.New("empty path")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = zipOne(cmd.Context(), p)
		}()
	}
	wg.Wait()
	return nil
}

// A handler that is also called from elsewhere may return into a process
// that goes on: its leak is reported.
var syncCmd = &cobra.Command{Use: "sync", RunE: commandSync}

func commandSync(cmd *cobra.Command, paths []string) error {
	var wg sync.WaitGroup
	for _, p := range paths {
		if p == "" {
			return errors.New("empty path") // want `returning here leaves the tasks started on wg running; wait for wg first`
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = zipOne(cmd.Context(), p)
		}()
	}
	wg.Wait()
	return nil
}

func syncTwice(cmd *cobra.Command) error {
	return commandSync(cmd, nil)
}

func zipOne(ctx context.Context, path string) error { return ctx.Err() }
