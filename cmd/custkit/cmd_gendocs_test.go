package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
	"github.com/spf13/cobra"
)

// TestNewCmdGenDocs: gen-docs takes one directory and no flags of its own.
func TestNewCmdGenDocs(t *testing.T) {
	for _, tt := range []struct {
		args []string
		err  string
	}{
		{nil, "gen-docs needs a directory"},
		{[]string{"a", "b"}, `gen-docs takes one directory, but was given 2: "a", "b"`},
		{[]string{"--man", "a"}, "unknown flag: --man"},
	} {
		s, _, _ := cmdutil.BufferStreams("")
		cmd := newGenDocsCmd(s)
		cmd.SetArgs(tt.args)
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		if got := errText(cmd.Execute()); got != tt.err {
			t.Errorf("%q: got error %q, want %q", tt.args, got, tt.err)
		}
	}
}

// TestRunGenDocs writes into a new directory a man page for each command
// a user can run (not the hidden gen-docs), the four completion scripts
// and a config.md holding the flag table, and says so in one line on
// standard error, on a terminal and in a pipe. Two runs write the same
// bytes, as the check that docs/ is up to date needs.
func TestRunGenDocs(t *testing.T) {
	base := t.TempDir()
	var dirs []string
	for _, tty := range []bool{true, false} {
		dir := filepath.Join(base, "docs-"+map[bool]string{true: "terminal", false: "pipe"}[tty])
		dirs = append(dirs, dir)
		s, out, errb := cmdutil.BufferStreams("")
		s.StdoutTTY = tty
		err := genDocs(newRootCmd(s, nil), dir, s)
		want := "custkit: wrote man pages to " + dir + "/man, completions to " + dir + "/completions and the flag table of " + dir + "/config.md\n"
		if err != nil || out.Len() != 0 || errb.String() != want {
			t.Errorf("terminal %v: error %v, stdout %q, stderr %q; want stderr %q", tty, err, out, errb, want)
		}
		if got, want := listDir(t, filepath.Join(dir, "man")), manPages(newRootCmd(s, nil)); !slices.Equal(got, want) {
			t.Errorf("man pages:\n got %q\nwant %q", got, want)
		}
		if got, want := listDir(t, filepath.Join(dir, "completions")), []string{"custkit.bash", "custkit.fish", "custkit.ps1", "custkit.zsh"}; !slices.Equal(got, want) {
			t.Errorf("completions: got %q, want %q", got, want)
		}
		man := string(mustRead(t, filepath.Join(dir, "man", "custkit-encrypt.1")))
		for _, want := range []string{
			"\n.TH \"CUSTKIT\" \"1\" \"Nov 2026\" \"custkit\" \"custkit manual\"\n",
			"\ncustkit-encrypt - Replace files with their age-encrypted versions\n",
			"\n\\fBcustkit encrypt [--to <recipient>|--to-file <file>] <file>\\&... [flags]\\fP\n",
		} {
			if !strings.Contains(man, want) {
				t.Errorf("custkit-encrypt.1 lacks %q", want)
			}
		}
		if bash := string(mustRead(t, filepath.Join(dir, "completions", "custkit.bash"))); !strings.HasPrefix(bash, "# bash completion V2 for custkit") || !strings.Contains(bash, "__start_custkit") {
			t.Errorf("custkit.bash is not custkit's bash completion:\n%.200s", bash)
		}
		config := string(mustRead(t, filepath.Join(dir, "config.md")))
		for _, want := range []string{"# Configuration\n", "<!-- gen-docs: flag table begin -->\n", "| `--customers` | `customers` | `CUSTKIT_CUSTOMERS` |", "<!-- gen-docs: flag table end -->\n"} {
			if !strings.Contains(config, want) {
				t.Errorf("config.md lacks %q", want)
			}
		}
	}
	for _, sub := range []string{"man", "completions"} {
		for _, name := range listDir(t, filepath.Join(dirs[0], sub)) {
			a, b := mustRead(t, filepath.Join(dirs[0], sub, name)), mustRead(t, filepath.Join(dirs[1], sub, name))
			if string(a) != string(b) {
				t.Errorf("%s/%s differs between two runs", sub, name)
			}
		}
	}
}

// manPages are the man pages gen-docs should write for c and the
// commands under it: one for each a user can run, as custkit-<path>.1,
// in name order.
func manPages(c *cobra.Command) []string {
	if !c.IsAvailableCommand() && c.HasParent() {
		return nil
	}
	out := []string{strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"}
	for _, sub := range c.Commands() {
		out = append(out, manPages(sub)...)
	}
	slices.Sort(out)
	return out
}

// listDir is the names in dir, in order.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
