// Package cobra is a stub of github.com/spf13/cobra: a command and its
// handlers.
package cobra

import "context"

type Command struct {
	Use     string
	Run     func(cmd *Command, args []string)
	RunE    func(cmd *Command, args []string) error
	PreRunE func(cmd *Command, args []string) error
}

func (c *Command) Context() context.Context { return context.Background() }

func (c *Command) Execute() error { return nil }
