package main

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// streams are the standard streams of one run, and whether they are
// terminals. Commands print through them, never through os.Std* or cobra's
// Print functions; tests set the terminal flags to check both behaviours.
type streams struct {
	in        io.Reader
	out       io.Writer
	err       io.Writer
	stdoutTTY bool
	stderrTTY bool
	stdinTTY  bool
	getenv    func(string) string
}

func systemStreams() *streams {
	return &streams{
		in:        os.Stdin,
		out:       os.Stdout,
		err:       os.Stderr,
		stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		stdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		getenv:    os.Getenv,
	}
}

// testStreams returns streams over buffers, for tests.
func testStreams(stdin string) (*streams, *bytes.Buffer, *bytes.Buffer) {
	out, errb := &bytes.Buffer{}, &bytes.Buffer{}
	return &streams{in: bytes.NewBufferString(stdin), out: out, err: errb, getenv: func(string) string { return "" }}, out, errb
}
