package main

import (
	"path/filepath"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/custkit/custkit/pkg/manifest"
)

// TestNewCmdShred maps argv to shredOptions: the files are the arguments.
func TestNewCmdShred(t *testing.T) {
	newCmdTest[shredOptions]{
		newCmd: newShredCmd,
		defaults: func(s *cmdutil.Streams, g *cmdutil.Global) *shredOptions {
			return &shredOptions{Base: cmdutil.Base{Streams: s, Global: g}, passes: 1}
		},
	}.run(t, []newCmdCase[shredOptions]{
		{name: "one file", args: []string{"a.csv"}, want: func(o *shredOptions) { o.files = []string{"a.csv"} }},
		{name: "passes", args: []string{"-n", "3", "a.csv", "b.csv"}, want: func(o *shredOptions) { o.files, o.passes = []string{"a.csv", "b.csv"}, 3 }},
		{name: "no file", args: nil, err: "shred needs at least one file to destroy"},
	})
}

// TestRunShred: each file destroyed is named on standard output, the same
// on a terminal and in a pipe; a file that cannot be is named on standard
// error, and the others are still shredded. A shredded export leaves the
// manifest.
func TestRunShred(t *testing.T) {
	dir, state := t.TempDir(), t.TempDir()
	opts := func(s *cmdutil.Streams) *shredOptions {
		inState(s, state)
		files := []string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}
		writeFiles(t, dir, map[string]string{"a.csv": "customer_id\nC1\n", "b.csv": "customer_id\nC2\n"})
		if err := manifest.Add(filepath.Join(state, "custkit", "exports.csv"), manifest.Entry{Path: files[0], Rows: 1}); err != nil {
			t.Fatal(err)
		}
		// -q: the caveats of the file system the test runs on are not the test's
		return &shredOptions{Base: cmdutil.Base{Streams: s, Global: &cmdutil.Global{Cfg: &cmdutil.Settings{}, Quiet: true}}, passes: 1, files: files}
	}
	testRun(t, dir, runShred, opts, []runCase[shredOptions]{
		{name: "terminal", tty: true, stdout: lines(
			"shredded $DIR/a.csv",
			"shredded $DIR/b.csv")},
		{name: "pipe", stdout: lines(
			"shredded $DIR/a.csv",
			"shredded $DIR/b.csv")},
		{name: "no passes", set: func(o *shredOptions) { o.passes = 0 }, err: "-n must be at least 1"},
		{name: "a missing file", set: func(o *shredOptions) { o.files = append(o.files, filepath.Join(dir, "gone.csv")) },
			stdout: lines(
				"shredded $DIR/a.csv",
				"shredded $DIR/b.csv"), stderr: lines(
				"custkit: shred: $DIR/gone.csv: no such file or directory"), err: "1 of 3 files could not be shredded"},
	})
	entries, err := manifest.Read(filepath.Join(state, "custkit", "exports.csv"))
	if err != nil || len(entries) != 0 {
		t.Errorf("manifest after the last run: %+v, %v; want the shredded export gone from it", entries, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("files left: %q", left)
	}
}
