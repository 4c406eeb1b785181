package usererr

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

type lockedError struct{ error }

func (lockedError) ExitStatus() int { return 3 }

type reportedError struct{ error }

func (reportedError) Silent() {}

func TestReport(t *testing.T) {
	for _, tt := range []struct {
		name   string
		err    error
		hint   string
		status int
		lines  []string
	}{
		{"success", nil, "", 0, nil},
		{"failure", errors.New("sales.csv:3: bad"), "", 1, []string{"sales.csv:3: bad"}},
		{"usage", Usagef("--x: %q is not allowed", "y"), "", 2, []string{`--x: "y" is not allowed`}},
		{"hints, the kind's first, then outermost first", WithHint(WithHint(errors.New("e"), "inner"), "outer"), "by kind", 1,
			[]string{"e", "hint: by kind", "hint: outer", "hint: inner"}},
		{"a value with a line break", fmt.Errorf("%s: bad", "a\r\nb\nc\rd"), "", 1, []string{`a\nb\nc\rd: bad`}},
		{"own status, wrapped", fmt.Errorf("purge: %w", lockedError{errors.New("locked")}), "", 3, []string{"purge: locked"}},
		{"own status wins over an interrupt", lockedError{context.Canceled}, "", 3, []string{"context canceled"}},
		{"interrupt", fmt.Errorf("reading: %w", context.Canceled), "ignored", 1, []string{"interrupted; no output file was written"}},
		{"already reported", reportedError{errors.New("check: 2 errors")}, "", 1, nil},
		{"already reported, as usage", reportedError{Usage(errors.New("x"))}, "", 1, nil},
	} {
		status, lines := Report(tt.err, tt.hint)
		if status != tt.status || !slices.Equal(lines, tt.lines) {
			t.Errorf("%s: Report = %d %q, want %d %q", tt.name, status, lines, tt.status, tt.lines)
		}
	}
}
