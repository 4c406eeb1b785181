package main

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/progress"
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
	// stdinData says that standard input is a pipe, a file or a socket:
	// something that brings rows. A terminal or /dev/null (what cron and
	// systemd give) does not.
	stdinData bool
	// width is the terminal's width in columns, when standard output is
	// one: COLUMNS when set, else the terminal's own (terminalWidth).
	width  int
	getenv func(string) string
	// status is the progress line at the bottom of standard error, or nil
	// where none may be drawn. out and err (when on the terminal) go
	// through it, so that what they print clears the line first.
	status *progress.Display
}

func systemStreams() *streams {
	s := &streams{
		in:        os.Stdin,
		out:       os.Stdout,
		err:       os.Stderr,
		stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		stdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		stdinData: bringsData(os.Stdin),
		getenv:    os.Getenv,
	}
	if s.stdoutTTY {
		s.width = terminalWidth(int(os.Stdout.Fd()), os.Getenv)
	}
	// A progress bar needs a terminal to draw on, and is not drawn in a
	// pipeline (custkit buyers | custkit mailing): two commands would draw
	// over each other, and the reader's progress is the producer's.
	if s.stderrTTY && !isPipe(os.Stdout) {
		s.status = progress.NewDisplay(os.Stderr)
		s.err = s.status.Writer(os.Stderr)
		if s.stdoutTTY {
			s.out = s.status.Writer(os.Stdout)
		}
	}
	return s
}

// terminalWidth is COLUMNS when it is set to a number, else the width of
// the terminal fd is, else 80.
func terminalWidth(fd int, getenv func(string) string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if w, _, err := term.GetSize(fd); err == nil && w > 0 {
		return w
	}
	return 80
}

// isPipe reports whether f is a pipe.
func isPipe(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeNamedPipe != 0
}

// testStreams returns streams over buffers, for tests.
func testStreams(stdin string) (*streams, *bytes.Buffer, *bytes.Buffer) {
	out, errb := &bytes.Buffer{}, &bytes.Buffer{}
	return &streams{in: bytes.NewBufferString(stdin), stdinData: true, out: out, err: errb, getenv: func(string) string { return "" }}, out, errb
}

// bringsData reports whether f is a pipe, a regular file or a socket, not a
// terminal or another device such as /dev/null.
func bringsData(f *os.File) bool {
	st, err := f.Stat()
	if err != nil {
		return false
	}
	m := st.Mode()
	return m.IsRegular() || m&os.ModeNamedPipe != 0 || m&os.ModeSocket != 0
}
