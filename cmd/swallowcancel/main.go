// The swallowcancel command reports Go tasks that swallow their context's
// cancellation, and owners that leave without waiting for their tasks.
// Run it directly, or through go vet:
//
//	swallowcancel ./...
//	go vet -vettool=$(which swallowcancel) ./...
//
// swallowcancel help (or -help) prints the analyzer's documentation, and
// swallowcancel version the module version it was built from.
package main

import (
	"fmt"
	goversion "go/version"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/swallowcancel/swallowcancel/analyzer"
)

func main() {
	if len(os.Args) == 2 {
		switch os.Args[1] {
		case "help":
			// The singlechecker knows -help only; go vet's analyzers answer
			// to "help" too, and no package is named that.
			os.Args[1] = "-help"
		case "version":
			fmt.Println("swallowcancel", version())
			return
		case "-V=full":
			// go vet keys its cache on this line. A build of a version
			// says it; a build from a clone ("(devel)", or a commit with
			// edits on top) keeps the singlechecker's build ID, which
			// changes with every edit.
			if v := version(); v != "(devel)" && !strings.HasSuffix(v, "+dirty") {
				fmt.Printf("swallowcancel version %s\n", v)
				return
			}
		}
	}
	os.Args = buildTagsToGOFLAGS(os.Args)
	oneLineFlagErrors()
	if cfg := vetConfig(os.Args); cfg != "" {
		// go vet's tool, run once per package with the package's .cfg.
		if err := checkFlagValues(os.Args[1 : len(os.Args)-1]); err != nil {
			flagErrorUnderVet(cfg, err)
		}
		failPassesUncached(cfg)
		singlechecker.Main(analyzer.Analyzer)
		return
	}
	if err := checkGoVersion(); err != nil {
		// The type checker of this build cannot read newer code: say so
		// once, not as dozens of type errors inside the standard library.
		fmt.Fprintf(os.Stderr, "swallowcancel: %v\n", err)
		os.Exit(1)
	}
	if err := checkFlagValues(os.Args[1:]); err != nil {
		// One line, not the usage.
		fmt.Fprintf(os.Stderr, "swallowcancel: %v\n", err)
		os.Exit(2)
	}
	if isChild() {
		// The run that the command below started and reads.
		recordUnfixed()
		singlechecker.Main(analyzer.Analyzer)
		return
	}
	cl, ok := parseCommandLine(os.Args[1:])
	if !ok || cl.driverOnly || len(cl.patterns) == 0 {
		// The singlechecker says what is wrong, prints its flags for
		// go vet, or prints the usage.
		singlechecker.Main(analyzer.Analyzer)
		return
	}
	if len(cl.launchers) > 0 {
		checkLaunchersLoaded(cl)
	}
	if cl.fix || cl.json {
		// The singlechecker applies the fixes or prints the JSON, and
		// then exits: to count what -fix leaves, or to list each finding
		// once in -json, this process runs it and reads what it did.
		if code, ok := runChild(cl); ok {
			os.Exit(code)
		}
	}
	singlechecker.Main(analyzer.Analyzer)
}

// buildTagsToGOFLAGS takes -tags out of args and hands it to the package
// loader through GOFLAGS: the singlechecker accepts -tags and ignores it,
// which would analyse other files than the user asked for. (Under go vet,
// vet applies its own -tags and never passes it on.)
func buildTagsToGOFLAGS(args []string) []string {
	out := args[:1:1]
	for i := 1; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			return append(out, args[i:]...)
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name != "tags" {
			out = append(out, arg)
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		os.Setenv("GOFLAGS", strings.TrimSpace(os.Getenv("GOFLAGS")+" -tags="+value))
	}
	return out
}

// checkGoVersion returns an error if the module in the current directory
// asks for a newer Go than the one this binary was built with. (Under go
// vet the go command has already chosen the toolchain: main does not ask.)
func checkGoVersion() error {
	dir, err := os.Getwd()
	if err != nil {
		return nil
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			f, err := modfile.ParseLax("go.mod", data, nil)
			if err != nil || f.Go == nil {
				return nil
			}
			want, have := "go"+f.Go.Version, runtime.Version()
			if !strings.HasPrefix(have, "go") || !goversion.IsValid(want) || !goversion.IsValid(have) || goversion.Compare(want, have) <= 0 {
				return nil
			}
			return fmt.Errorf("%s requires %s, newer than the %s this swallowcancel was built with: rebuild it with %s (GOTOOLCHAIN=%s go install …)",
				filepath.Join(dir, "go.mod"), want, have, goversion.Lang(want), goversion.Lang(want))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil
		}
		dir = parent
	}
}

// checkFlagValues sets the analyzer's own flags, as given, on a scratch
// analyzer, and returns the first malformed value.
func checkFlagValues(args []string) error {
	scratch := analyzer.New(analyzer.Options{})
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		f := scratch.Flags.Lookup(name)
		if f == nil {
			continue // the driver's own flag
		}
		if !hasValue {
			if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); isBool || i+1 >= len(args) {
				continue
			}
			i++
			value = args[i]
		}
		if err := f.Value.Set(value); err != nil {
			return fmt.Errorf("invalid value %q for -%s: %v", value, name, err)
		}
	}
	return nil
}

// version returns the module version the binary was built from: a tag for
// go install …@v0.1.0, "(devel)" for a build in a clone.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
