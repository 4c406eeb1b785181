package output

import (
	"strings"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// tableWriter draws a box table for a terminal. It is the only user of
// tablewriter. Rows are copied before they are kept, because tablewriter
// holds on to the slices it is given. Widths count East Asian wide characters
// as two columns. On a terminal (screen), the table is fitted to its width.
type tableWriter struct {
	*sink
	mask   func(string, string) string
	marker string // what a line break in a cell is printed as
	screen *screenTable
	header []string
	rows   [][]string
	noted  bool // a Note was written: Close draws only a table started since
}

func newTable(s *sink, opts Options) *tableWriter {
	w := &tableWriter{sink: s, mask: opts.Mask, marker: lineMarker(opts.Encoding)}
	if opts.Screen != nil && opts.Screen.Width > 0 {
		w.screen = &screenTable{Screen: opts.Screen, aliases: opts.ColumnAliases}
	}
	return w
}

func (w *tableWriter) WriteHeader(cols []string) error {
	if w.screen != nil {
		cols = w.screen.header(cols)
	}
	w.header = append([]string(nil), cols...)
	w.sink.header = w.header
	return nil
}

func (w *tableWriter) Write(row []string) error {
	w.row++
	if w.screen != nil {
		row = w.screen.row(row)
	}
	if err := w.check(row); err != nil {
		return err
	}
	w.rows = append(w.rows, printable(w.header, row, w.mask, w.marker))
	return nil
}

// lineMarker is what a line break inside a cell is printed as in a table:
// ⏎, or in an encoding that lacks it (Shift_JIS, EUC-JP) the full-width
// solidus ／, which every Japanese encoding holds and which takes two
// columns on every terminal, so the table stays aligned.
func lineMarker(enc charset.Encoding) string {
	if enc == charset.CP932 || enc == charset.EUCJP {
		return "／"
	}
	return "⏎"
}

// printable copies row, masking personal data and making line breaks
// visible as marker, since one table row must stay on one line.
func printable(header, row []string, mask func(string, string) string, marker string) []string {
	out := make([]string, len(row))
	for i, v := range row {
		if mask != nil && i < len(header) {
			v = mask(header[i], v)
		}
		if strings.ContainsAny(v, "\r\n\t") {
			v = strings.NewReplacer("\r\n", marker, "\n", marker, "\r", marker, "\t", " ").Replace(v)
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
	if w.screen != nil {
		line = wrapNote(line, w.screen.Width)
	}
	return w.put([]byte(line + "\n"))
}

func (w *tableWriter) Close() error {
	if w.header != nil || !w.noted {
		if err := w.draw(); err != nil {
			return err
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	if w.screen != nil && w.screen.Note != nil {
		if line := w.screen.note(); line != "" {
			w.screen.Note(line)
		}
	}
	return nil
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
	header, rows := w.header, w.rows
	if w.screen != nil {
		header, rows = w.screen.fit(header, rows)
	}
	t.Header(toAny(header)...)
	for _, r := range rows {
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
