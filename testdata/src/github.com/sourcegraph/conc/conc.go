// Package conc is a stub of github.com/sourcegraph/conc for the tests.
package conc

type WaitGroup struct{}

func NewWaitGroup() *WaitGroup    { return &WaitGroup{} }
func (wg *WaitGroup) Go(f func()) { f() }
func (wg *WaitGroup) Wait()       {}
