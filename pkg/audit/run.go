package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/custkit/custkit/pkg/english"
	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/sink"
	"github.com/custkit/custkit/pkg/usererr"
)

// NewFilter is the filter of --since (a date, "" for none) and
// --command; a date that cannot be read is a usage error.
func NewFilter(since, command string) (Filter, error) {
	f := Filter{Command: command}
	if since != "" {
		d, err := parse.Date(since)
		if err != nil {
			return f, usererr.Usagef("--since %q %v", since, err)
		}
		f.Since = d
	}
	return f, nil
}

// ShowOptions configure Show.
type ShowOptions struct {
	Filter Filter
	// Full lists every field (see Header).
	Full bool
	// Note is given the lines for standard error: each line of the log
	// that is not an intact entry, skipped, and, unless Quiet, that there
	// is no log yet.
	Note  func(line string)
	Quiet bool
	// Object, when set, is given each entry as the log line holds it
	// (json.Marshal of the Entry, every field with its type) instead of
	// a row; the header is then Fields. json and jsonl outputs set it.
	Object func(obj []byte) error
}

// header is the header of the listing opts asks for.
func (opts ShowOptions) header() []string {
	if opts.Object != nil {
		return Fields
	}
	return Header(opts.Full)
}

// write writes e the way opts asks for.
func (opts ShowOptions) write(w sink.Rows, e Entry) error {
	if opts.Object == nil {
		return w.Write(Row(e, opts.Full))
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return opts.Object(b)
}

// Show writes the header and the entries of the log at path that pass
// the filter to w, one row each; a log that does not exist yet has none.
func Show(ctx context.Context, path string, w sink.Rows, opts ShowOptions) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		if !opts.Quiet {
			opts.Note(fmt.Sprintf("no access log at %s yet", path))
		}
		return w.WriteHeader(opts.header())
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := w.WriteHeader(opts.header()); err != nil {
		return err
	}
	return Read(f, func(line int, e Entry, lerr error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if lerr != nil {
			opts.Note(fmt.Sprintf("%s:%v; skipped (run custkit audit verify)", path, strings.TrimPrefix(lerr.Error(), "line ")))
			return nil
		}
		if !opts.Filter.Keep(e) {
			return nil
		}
		return opts.write(w, e)
	})
}

// VerifyLog verifies the log at path (see Verify). It writes to out the
// number of entries and the head, gives note a warning for each torn
// line, and returns where the chain breaks, naming the file and line,
// with what is intact as a hint.
func VerifyLog(path string, out io.Writer, note func(line string)) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return usererr.WithHint(fmt.Errorf("%s does not exist", path), "nothing has been logged yet, or the log was removed")
	}
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := Verify(f)
	for _, n := range rep.Torn {
		note(fmt.Sprintf("warning: %s:%d: %v; verified past it", path, n, ErrCutOff))
	}
	var le *LineError
	if errors.As(err, &le) {
		broken := fmt.Errorf("%s:%d: %v", path, le.Line, strings.TrimPrefix(le.Error(), fmt.Sprintf("line %d: ", le.Line)))
		keep := "keep a copy of the log as it is before looking further"
		switch le.Line {
		case 1:
			return usererr.WithHint(broken, "%s", keep)
		case 2:
			return usererr.WithHint(broken, "line 1 is intact; %s", keep)
		}
		return usererr.WithHint(broken, "lines 1-%d are intact; %s", le.Line-1, keep)
	}
	if err != nil {
		return err
	}
	if rep.Entries == 0 {
		_, err := fmt.Fprintln(out, "ok: the log is empty")
		return err
	}
	_, err = fmt.Fprintf(out, "ok: %s, chain intact; head %s (entry %d)\n", english.CountAs(rep.Entries, "entry", "entries"), rep.Head, rep.HeadSeq)
	return err
}
