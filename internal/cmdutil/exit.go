package cmdutil

import (
	"errors"
	"fmt"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/redact"
	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/usererr"
)

// Exit statuses shared by every command, as usererr.Report gives them. A
// command that uses more lists them under EXIT STATUS in its help and
// returns them as a *StatusError.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
	// ExitLocked: another purge holds the lock (purge only).
	ExitLocked = 3
)

// StatusError is a failure with an exit status of its own, printed like
// any other error.
type StatusError struct {
	Err    error
	Status int
}

func (e *StatusError) Error() string   { return e.Err.Error() }
func (e *StatusError) Unwrap() error   { return e.Err }
func (e *StatusError) ExitStatus() int { return e.Status }

// SilentError is a failure the command has already reported in its own
// output: exit status 1, and nothing more is printed.
type SilentError struct{ Err error }

func (e *SilentError) Error() string { return e.Err.Error() }
func (e *SilentError) Unwrap() error { return e.Err }
func (e *SilentError) Silent()       {}

// HintFor is the hint an error calls for by its kind, whichever command
// returned it, in the words of custkit's flags: what to do about input
// bytes that are invalid in the file's encoding (detected from the start
// of the file, so a file that mixes encodings, or one that is plain ASCII
// for more than 4 MiB before its first Shift_JIS text, is taken for
// UTF-8), and about a character the output encoding lacks; and about a
// pseudonym key that cannot be used. "" if none.
func HintFor(err error) string {
	var ue *charset.UnencodableError
	var ke *redact.KeyError
	switch {
	case errors.As(err, &ke):
		return ke.Hint
	case errors.Is(err, rows.ErrTooLong):
		return `look at that line for a quote (") that is opened and never closed, which makes the rest of the file one record; or the file is not CSV or TSV`
	case errors.Is(err, rows.ErrEncoding):
		return "the encoding is guessed from the start of each file unless --encoding names it (shift_jis, euc-jp, utf-16le, utf-8), for every input or per kind (customers=shift_jis,sales=utf-8)"
	case errors.As(err, &ue):
		return "change the character in the input (𠮷 → 吉), or write --output-encoding utf-8-bom, which has every character"
	}
	return ""
}

// ExitCode prints err as one line (plus hints) and returns the status.
func ExitCode(s *Streams, err error) int {
	status, lines := usererr.Report(err, HintFor(err))
	for _, l := range lines {
		fmt.Fprintf(s.Err, "custkit: %s\n", l)
	}
	return status
}

// OneLine keeps an error on one line, whatever the value in it holds.
func OneLine(s string) string { return usererr.OneLine(s) }
