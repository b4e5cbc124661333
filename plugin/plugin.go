// Package plugin registers swallowcancel as a golangci-lint v2 module
// plugin. Its settings mirror the command's flags:
//
//	linters:
//	  settings:
//	    custom:
//	      swallowcancel:
//	        type: module
//	        settings:
//	          strict: false
//	          deadline: true
//	          launchers: ["(*example.com/pkg.Runner).Go"]
package plugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

func init() {
	register.Plugin("swallowcancel", New)
}

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	Strict    bool     `json:"strict"`
	Deadline  *bool    `json:"deadline"` // default true
	Launchers []string `json:"launchers"`
}

// New returns the plugin for golangci-lint's settings, or an error that
// names an unknown key or a bad value.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("swallowcancel: %w", err)
	}
	// golangci-lint shows each related position as an issue of its own
	// (one finding must be one issue), and honours //nolint only on the
	// reported line and the statement below it.
	opts := analyzer.Options{Strict: s.Strict, Deadline: true, Launchers: s.Launchers, RelatedInMessage: true, Nolint: true}
	if s.Deadline != nil {
		opts.Deadline = *s.Deadline
	}
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("swallowcancel: %w", err)
	}
	return &plugin{opts: opts}, nil
}

type plugin struct {
	opts analyzer.Options
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{analyzer.New(p.opts)}, nil
}

// GetLoadMode asks for type information: the analyzer needs types and facts.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
