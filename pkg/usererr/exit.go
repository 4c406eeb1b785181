package usererr

import (
	"context"
	"errors"
	"strings"
)

// Exit statuses shared by every command. A command that uses more lists
// them under EXIT STATUS in its help and returns them in an error with an
// ExitStatus method.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// An error with an ExitStatus method (found with errors.As) is a failure
// with an exit status of its own, printed like any other error; one with
// a Silent method is a failure the command has already reported in its own
// output (a check report ending in its summary): exit status 1, and
// nothing more is printed.
type (
	statuser interface{ ExitStatus() int }
	silencer interface{ Silent() }
)

// Report is what a run that ended with err prints on standard error, one
// line each without the program's name in front, and its exit status: the
// error on one line, then its hints (hint, the one its kind calls for, if
// not "", then those it carries, outermost first); an interrupt as no
// output written; a silent error as nothing. An error with an exit status of its own exits
// with it, a *UsageError with 2, any other error with 1, and nil with 0.
func Report(err error, hint string) (status int, lines []string) {
	if err == nil {
		return ExitOK, nil
	}
	var st statuser
	if errors.As(err, &st) {
		return st.ExitStatus(), errorLines(err, hint)
	}
	if errors.Is(err, context.Canceled) {
		return ExitFailure, []string{"interrupted; no output file was written"}
	}
	var silent silencer
	if errors.As(err, &silent) {
		return ExitFailure, nil
	}
	var usage *UsageError
	if errors.As(err, &usage) {
		return ExitUsage, errorLines(err, hint)
	}
	return ExitFailure, errorLines(err, hint)
}

// errorLines are err on one line, then each of its hints on its own.
func errorLines(err error, hint string) []string {
	lines := []string{OneLine(err.Error())}
	if hint != "" {
		err = WithHint(err, "%s", hint)
	}
	var h *HintError
	for e := err; errors.As(e, &h); e = h.Err {
		lines = append(lines, "hint: "+h.Hint)
	}
	return lines
}

// OneLine keeps an error on one line, whatever the value in it holds.
func OneLine(s string) string {
	return strings.NewReplacer("\r\n", `\n`, "\n", `\n`, "\r", `\r`).Replace(s)
}
