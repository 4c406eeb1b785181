package cmdutil

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/custkit/custkit/pkg/progress"
	"golang.org/x/term"
)

// Streams are the standard streams of one run, and whether they are
// terminals. Commands print through them, never through os.Std* or cobra's
// Print functions; tests set the terminal flags to check both behaviours.
type Streams struct {
	In        io.Reader
	Out       io.Writer
	Err       io.Writer
	StdoutTTY bool
	StderrTTY bool
	StdinTTY  bool
	// StdinData says that standard input is a pipe, a file or a socket:
	// something that brings rows. A terminal or /dev/null (what cron and
	// systemd give) does not.
	StdinData bool
	// Width is the terminal's width in columns, when standard output is
	// one: COLUMNS when set, else the terminal's own (TerminalWidth).
	Width  int
	Getenv func(string) string
	// Status is the progress line at the bottom of standard error, or nil
	// where none may be drawn. Out and Err (when on the terminal) go
	// through it, so that what they print clears the line first.
	Status *progress.Display
}

// SystemStreams are the process's standard streams, with a progress line
// on standard error when it is a terminal and standard output no pipe.
func SystemStreams() *Streams {
	s := &Streams{
		In:        os.Stdin,
		Out:       os.Stdout,
		Err:       os.Stderr,
		StdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		StderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		StdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		StdinData: bringsData(os.Stdin),
		Getenv:    os.Getenv,
	}
	if s.StdoutTTY {
		s.Width = TerminalWidth(int(os.Stdout.Fd()), os.Getenv)
	}
	// A progress bar needs a terminal to draw on, and is not drawn in a
	// pipeline (custkit buyers | custkit mailing): two commands would draw
	// over each other, and the reader's progress is the producer's.
	if s.StderrTTY && !IsPipe(os.Stdout) {
		s.Status = progress.NewDisplay(os.Stderr)
		s.Err = s.Status.Writer(os.Stderr)
		if s.StdoutTTY {
			s.Out = s.Status.Writer(os.Stdout)
		}
	}
	return s
}

// TerminalWidth is COLUMNS when it is set to a number, else the width of
// the terminal fd is, else 80.
func TerminalWidth(fd int, getenv func(string) string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if w, _, err := term.GetSize(fd); err == nil && w > 0 {
		return w
	}
	return 80
}

// IsPipe reports whether f is a pipe.
func IsPipe(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeNamedPipe != 0
}

// BufferStreams returns streams over buffers, for tests.
func BufferStreams(stdin string) (*Streams, *bytes.Buffer, *bytes.Buffer) {
	out, errb := &bytes.Buffer{}, &bytes.Buffer{}
	return &Streams{In: bytes.NewBufferString(stdin), StdinData: true, Out: out, Err: errb, Getenv: func(string) string { return "" }}, out, errb
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
