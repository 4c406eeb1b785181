package output

import (
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// tableWriter draws a box table for a terminal. It is the only user of
// tablewriter. Rows are copied before they are kept, because tablewriter
// holds on to the slices it is given. Widths count East Asian wide characters
// as two columns.
type tableWriter struct {
	*sink
	mask   func(string, string) string
	header []string
	rows   [][]string
	noted  bool // a Note was written: Close draws only a table started since
}

func newTable(s *sink, mask func(string, string) string) *tableWriter {
	return &tableWriter{sink: s, mask: mask}
}

func (w *tableWriter) WriteHeader(cols []string) error {
	w.header = append([]string(nil), cols...)
	w.sink.header = w.header
	return nil
}

func (w *tableWriter) Write(row []string) error {
	w.row++
	if err := w.check(row); err != nil {
		return err
	}
	w.rows = append(w.rows, printable(w.header, row, w.mask))
	return nil
}

// printable copies row, masking personal data and making line breaks
// visible, since one table row must stay on one line.
func printable(header, row []string, mask func(string, string) string) []string {
	out := make([]string, len(row))
	for i, v := range row {
		if mask != nil && i < len(header) {
			v = mask(header[i], v)
		}
		if strings.ContainsAny(v, "\r\n\t") {
			v = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\t", " ").Replace(v)
		}
		out[i] = v
	}
	return out
}

// Note draws the table so far, if one was started, and writes line after
// it; the next WriteHeader starts a new table.
func (w *tableWriter) Note(line string) error {
	if w.header != nil {
		if err := w.draw(); err != nil {
			return err
		}
	}
	w.noted = true
	return w.put([]byte(line + "\n"))
}

func (w *tableWriter) Close() error {
	if w.header != nil || !w.noted {
		if err := w.draw(); err != nil {
			return err
		}
	}
	return w.flush()
}

// draw renders the table held so far and forgets it.
func (w *tableWriter) draw() error {
	var b strings.Builder
	t := tablewriter.NewTable(&b,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithEastAsian(tw.Off), // box lines are one column wide on Western and CJK terminals alike
	)
	t.Header(toAny(w.header)...)
	for _, r := range w.rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	w.header, w.rows = nil, nil
	return w.put([]byte(b.String()))
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
