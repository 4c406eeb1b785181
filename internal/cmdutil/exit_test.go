package cmdutil

import (
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
)

// TestHintForTooLong checks that a record over the limit is explained by
// its likely cause, not left as a bare size.
func TestHintForTooLong(t *testing.T) {
	err := &rows.Error{File: "sales.csv", Line: 3, Err: rows.ErrTooLong}
	s, _, stderr := BufferStreams("")
	if code := ExitCode(s, err); code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	want := "custkit: sales.csv:3: the record starting here is longer than 64 MiB, the limit for one record\n" +
		`custkit: hint: look at that line for a quote (") that is opened and never closed, which makes the rest of the file one record; or the file is not CSV or TSV` + "\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(HintFor(err), "never closed") {
		t.Errorf("hint %q", HintFor(err))
	}
}
