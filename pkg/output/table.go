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
		out[i] = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\t", " ").Replace(v)
	}
	return out
}

func (w *tableWriter) Close() error {
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
	if err := w.put([]byte(b.String())); err != nil {
		return err
	}
	return w.flush()
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
