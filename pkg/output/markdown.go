package output

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// markdownWriter writes a GitHub-flavoured Markdown table, padded so that
// it also reads well as plain text (wide characters count as two columns).
type markdownWriter struct {
	*sink
	mask   func(string, string) string
	marker string // what a line break in a cell is printed as
	rows   [][]string
}

func (w *markdownWriter) WriteHeader(cols []string) error {
	w.header = cols
	w.rows = append(w.rows, escapeCells(nil, cols, nil, w.marker))
	return nil
}

func (w *markdownWriter) Write(row []string) error {
	w.row++
	if err := w.check(row); err != nil {
		return err
	}
	w.rows = append(w.rows, escapeCells(w.header, row, w.mask, w.marker))
	return nil
}

func escapeCells(header, row []string, mask func(string, string) string, marker string) []string {
	out := printable(header, row, mask, marker)
	for i, v := range out {
		out[i] = strings.ReplaceAll(v, "|", `\|`)
	}
	return out
}

// Note writes the table so far, if any, then line; the next WriteHeader
// starts a new table.
func (w *markdownWriter) Note(line string) error {
	if err := w.draw(); err != nil {
		return err
	}
	return w.put([]byte(line + "\n"))
}

func (w *markdownWriter) Close() error {
	if err := w.draw(); err != nil {
		return err
	}
	return w.flush()
}

// draw writes the table held so far and forgets it.
func (w *markdownWriter) draw() error {
	if len(w.rows) == 0 {
		return nil
	}
	widths := make([]int, len(w.rows[0]))
	for _, r := range w.rows {
		for i, v := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], runewidth.StringWidth(v), 3)
			}
		}
	}
	var b strings.Builder
	for n, r := range w.rows {
		writeMarkdownRow(&b, r, widths)
		if n == 0 {
			sep := make([]string, len(widths))
			for i, wd := range widths {
				sep[i] = strings.Repeat("-", wd)
			}
			writeMarkdownRow(&b, sep, widths)
		}
	}
	w.rows = nil
	return w.put([]byte(b.String()))
}

func writeMarkdownRow(b *strings.Builder, r []string, widths []int) {
	b.WriteString("|")
	for i, v := range r {
		b.WriteString(" ")
		b.WriteString(v)
		if i < len(widths) {
			b.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(v)))
		}
		b.WriteString(" |")
	}
	b.WriteString("\n")
}
