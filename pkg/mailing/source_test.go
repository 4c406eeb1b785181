package mailing

import (
	"errors"
	"strings"
	"testing"

	"github.com/custkit/custkit/pkg/rows"
	"github.com/custkit/custkit/pkg/usererr"
)

// TestSource: --customers on the command line wins, then rows piped in,
// then the config file's customers file; nothing at all is a usage error.
func TestSource(t *testing.T) {
	tests := []struct {
		given, stdinData bool
		customers        string
		want             string
		usage            bool
	}{
		{given: true, stdinData: true, customers: "c.csv", want: "c.csv"},
		{given: true, customers: "-", want: "-"},
		{stdinData: true, customers: "from-config.csv", want: "-"}, // a pipe wins over the config
		{customers: "from-config.csv", want: "from-config.csv"},    // a terminal, or /dev/null under cron
		{usage: true},
		{stdinData: true, want: "-"},
	}
	for _, tt := range tests {
		got, err := Source(tt.given, tt.stdinData, tt.customers)
		var u *usererr.UsageError
		if got != tt.want || errors.As(err, &u) != tt.usage {
			t.Errorf("%+v: got %q, %v", tt, got, err)
		}
	}
}

// TestSourceError: an empty standard input taken in place of --customers
// says so; other errors pass unchanged.
func TestSourceError(t *testing.T) {
	hinted := SourceError(rows.ErrEmpty, "-", false)
	if _, lines := usererr.Report(hinted, ""); !strings.Contains(strings.Join(lines, "\n"), "unless --customers <file> is on the command line") {
		t.Errorf("no hint: %q", lines)
	}
	for _, tt := range []struct {
		err   error
		path  string
		given bool
	}{{rows.ErrEmpty, "-", true}, {rows.ErrEmpty, "c.csv", false}, {errors.New("other"), "-", false}, {nil, "-", false}} {
		if got := SourceError(tt.err, tt.path, tt.given); got != tt.err {
			t.Errorf("%+v: got %v", tt, got)
		}
	}
}
