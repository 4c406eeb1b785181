// Package usererr holds the two kinds of error custkit says something more
// about than their text: a mistake in how custkit was called (exit status
// 2 rather than 1) and an error with a hint, a suggestion of what to do
// printed on its own line after it. Packages that check what the user gave
// (paths, flags) return them; the command line prints them. It also words
// the mistakes of a command line (cmdline.go: a word that is no command,
// a flag the command lacks, a value a flag refuses, with "did you mean")
// and says what a run that ended with an error prints and which exit
// status it has (Report).
package usererr

import "fmt"

// UsageError is a mistake in how custkit was called: exit status 2.
type UsageError struct{ Err error }

// Error is the mistake's message.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the mistake.
func (e *UsageError) Unwrap() error { return e.Err }

// Usage marks err, a non-nil error, as a mistake in how custkit was
// called, keeping its message.
func Usage(err error) error { return &UsageError{err} }

// Usagef formats a usage mistake.
func Usagef(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// HintError is an error with a suggestion printed on its own line after
// it. Hints nest: each one wrapped around an error is printed, outermost
// first.
type HintError struct {
	Err  error
	Hint string
}

// Error is the wrapped error's message, without the hint.
func (e *HintError) Error() string { return e.Err.Error() }

// Unwrap returns the wrapped error.
func (e *HintError) Unwrap() error { return e.Err }

// WithHint adds a hint, formatted, to err.
func WithHint(err error, format string, args ...any) error {
	return &HintError{Err: err, Hint: fmt.Sprintf(format, args...)}
}
