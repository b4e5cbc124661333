package plugin_test

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	_ "github.com/swallowcancel/swallowcancel/plugin"
)

// newPlugin builds the registered plugin from settings as golangci-lint
// passes them: decoded YAML.
func newPlugin(t *testing.T, settings map[string]any) (register.LinterPlugin, error) {
	t.Helper()
	newFn, err := register.GetPlugin("swallowcancel")
	if err != nil {
		t.Fatal(err)
	}
	return newFn(settings)
}

func TestSettings(t *testing.T) {
	p, err := newPlugin(t, map[string]any{"strict": true, "deadline": false, "launchers": []any{"(*example.com/pool.Pool).Go"}})
	if err != nil {
		t.Fatalf("valid settings: %v", err)
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", mode, register.LoadModeTypesInfo)
	}
	analyzers, err := p.BuildAnalyzers()
	if err != nil || len(analyzers) != 1 {
		t.Fatalf("BuildAnalyzers: %v, %d analyzers", err, len(analyzers))
	}
	a := analyzers[0]
	for flag, want := range map[string]string{"strict": "true", "deadline": "false", "launchers": "(*example.com/pool.Pool).Go"} {
		if got := a.Flags.Lookup(flag).Value.String(); got != want {
			t.Errorf("-%s = %q, want %q", flag, got, want)
		}
	}

	// Absent settings are the command's defaults.
	p, err = newPlugin(t, nil)
	if err != nil {
		t.Fatalf("no settings: %v", err)
	}
	analyzers, _ = p.BuildAnalyzers()
	if got := analyzers[0].Flags.Lookup("deadline").Value.String(); got != "true" {
		t.Errorf("default -deadline = %q, want true", got)
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		settings map[string]any
		want     string
	}{
		{map[string]any{"stirct": true}, `unknown field "stirct"`},
		{map[string]any{"strict": "yes"}, "strict"},
		{map[string]any{"launchers": []any{"not a name"}}, `invalid launcher "not a name"`},
	} {
		if _, err := newPlugin(t, tc.settings); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("settings %v: error %v, want one naming %s", tc.settings, err, tc.want)
		}
	}
}
