package main

import (
	"io"
	"runtime"
	"testing"

	"github.com/custkit/custkit/internal/cmdutil"
)

// TestNewCmdVersion: version takes no flags of its own and no arguments.
func TestNewCmdVersion(t *testing.T) {
	for _, tt := range []struct {
		args []string
		err  string
	}{
		{nil, ""},
		{[]string{"extra"}, `version takes no arguments, but was given "extra"`},
		{[]string{"--short"}, "unknown flag: --short"},
	} {
		s, _, _ := cmdutil.BufferStreams("")
		cmd := newVersionCmd(s)
		cmd.SetArgs(tt.args)
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		err := cmd.Execute()
		if got := errText(err); got != tt.err {
			t.Errorf("%q: got error %q, want %q", tt.args, got, tt.err)
		}
	}
}

// TestRunVersion prints one line, the same on a terminal and in a pipe: a
// development build says dev, a release build its commit and date.
func TestRunVersion(t *testing.T) {
	platform := " " + runtime.GOOS + "/" + runtime.GOARCH + " " + runtime.Version() + "\n"
	for _, tt := range []struct {
		version, commit, date string
		want                  string
	}{
		{"dev", "", "", "custkit dev" + platform},
		{"1.4.0", "5f80232", "2026-11-22", "custkit 1.4.0 (commit 5f80232, built 2026-11-22)" + platform},
	} {
		defer func(v, c, d string) { version, commit, date = v, c, d }(version, commit, date)
		version, commit, date = tt.version, tt.commit, tt.date
		for _, tty := range []bool{true, false} {
			s, out, errb := cmdutil.BufferStreams("")
			s.StdoutTTY = tty
			cmd := newVersionCmd(s)
			cmd.SetArgs(nil)
			if err := cmd.Execute(); err != nil || out.String() != tt.want || errb.Len() != 0 {
				t.Errorf("%s, terminal %v: %v, stdout %q, stderr %q; want %q", tt.version, tty, err, out, errb, tt.want)
			}
		}
	}
}
