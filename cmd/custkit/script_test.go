package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("u", false, "update testscript golden output")

// TestMain lets the test binary act as custkit, so that the scripts run the
// real main without a build step.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"custkit": func() { os.Exit(run(os.Args[1:], systemStreams())) },
	})
}

// TestScript runs every testdata/script/*.txtar. Each script starts in its
// own $WORK with HOME and XDG_CONFIG_HOME inside it, and can copy the
// bundled examples from $EXAMPLES.
func TestScript(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			env.Setenv("XDG_STATE_HOME", filepath.Join(env.WorkDir, ".state"))
			env.Setenv("EXAMPLES", filepath.Join(root, "examples"))
			env.Setenv("ROOT", root)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mode": cmdMode,
		},
	})
}

// cmdMode checks a file's permission bits: mode 0600 file
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mode 0600 file")
	}
	st, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	got := fmt.Sprintf("%04o", st.Mode().Perm())
	if (got == args[0]) == neg {
		ts.Fatalf("%s has mode %s, want %s%s", args[1], got, map[bool]string{true: "not ", false: ""}[neg], args[0])
	}
}
