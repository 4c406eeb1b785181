package output

import (
	"bufio"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/parse"
	"github.com/custkit/custkit/pkg/schema"
	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"
)

// XLSXSheet is the name of the one sheet of a workbook custkit writes.
const XLSXSheet = "Sheet1"

// xlsxSizeRows is how many rows the xlsx writer holds before it writes
// any, to size the columns: a stream writer sets widths before the first
// row, so the widths fit the header and these rows.
const xlsxSizeRows = 1000

// xlsxMaxWidth is the widest a column is made, in characters; a longer
// cell wraps in the spreadsheet's edit line, not across the screen.
const xlsxMaxWidth = 60

// xlsxMaxCell is the most UTF-16 units an Excel cell holds.
const xlsxMaxCell = excelize.TotalCellChars

// xlsxWriter writes an Excel workbook (Office Open XML, .xlsx) of one
// sheet with excelize's stream writer: the header row bold and frozen,
// an autofilter over the rows written, columns as wide as their text
// (Japanese characters count two), and each cell typed by its column
// (schema.ColumnTypes): numbers as number cells, dates as date cells,
// flags as booleans, everything else as text, so that ids, codes, phone
// numbers and postal codes keep their leading zeros. A cell is always a
// value, never a formula: text starting with = is a text cell.
//
// The workbook is written to the output when the writer is closed; rows
// beyond the stream writer's memory buffer wait in a temporary file in
// Options.TempDir (the output's directory for a file), removed on Close.
type xlsxWriter struct {
	out     *bufio.Writer
	opts    Options
	file    *excelize.File
	sheet   *excelize.StreamWriter
	header  []string
	types   []schema.Type
	pending [][]string // rows held to size the columns, until started
	started bool
	row     int // the sheet's rows written; the header is row 1
	cells   []any
	bold    int // the styles of the header, dates, times and percentages
	day     int
	clock   int
	percent int
}

func newXLSX(s *sink, opts Options) (*xlsxWriter, error) {
	if opts.Encoding != "" && opts.Encoding != "utf-8" {
		return nil, fmt.Errorf("an xlsx workbook holds its own encoding; --output-encoding %s cannot apply", opts.Encoding)
	}
	f := excelize.NewFile(excelize.Options{TmpDir: opts.TempDir})
	w := &xlsxWriter{out: s.direct, opts: opts, file: f}
	styles := []struct {
		id    *int
		style excelize.Style
	}{
		{&w.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&w.day, excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")}},
		{&w.clock, excelize.Style{CustomNumFmt: ptr(`yyyy-mm-dd"T"hh:mm:ss`)}},
		{&w.percent, excelize.Style{CustomNumFmt: ptr("0.0%")}},
	}
	for _, st := range styles {
		id, err := f.NewStyle(&st.style)
		if err != nil {
			f.Close()
			return nil, err
		}
		*st.id = id
	}
	sw, err := f.NewStreamWriter(XLSXSheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	w.sheet = sw
	return w, nil
}

func ptr(s string) *string { return &s }

func (w *xlsxWriter) WriteHeader(cols []string) error {
	if w.header != nil {
		return fmt.Errorf("an xlsx workbook holds one table; this output has more than one: write it as csv or a table")
	}
	if len(cols) > excelize.MaxColumns {
		return fmt.Errorf("%d columns are more than the %d a worksheet holds", len(cols), excelize.MaxColumns)
	}
	w.header = append([]string(nil), cols...)
	w.types = columnTypes(w.opts, cols)
	w.cells = make([]any, len(cols))
	return nil
}

func (w *xlsxWriter) Write(row []string) error {
	if len(row) != len(w.header) {
		return fmt.Errorf("row has %d cells, header has %d", len(row), len(w.header))
	}
	if !w.started {
		if len(w.pending) < xlsxSizeRows {
			w.pending = append(w.pending, append([]string(nil), row...))
			return nil
		}
		if err := w.start(); err != nil {
			return err
		}
	}
	return w.writeRow(row)
}

// start sizes the columns from the header and the rows held, freezes the
// header row and writes it and the rows held.
func (w *xlsxWriter) start() error {
	w.started = true
	for i, h := range w.header {
		width := cellWidth(h) + 3 // the autofilter's button
		for _, r := range w.pending {
			width = max(width, w.valueWidth(i, r[i]))
		}
		if err := w.sheet.SetColWidth(i+1, i+1, float64(min(width+1, xlsxMaxWidth))); err != nil {
			return err
		}
	}
	if len(w.header) > 0 {
		if err := w.sheet.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for i, h := range w.header {
			if err := w.checkText(0, i, h); err != nil {
				return err
			}
			w.cells[i] = excelize.Cell{StyleID: w.bold, Value: h}
		}
		if err := w.setRow(); err != nil {
			return err
		}
	}
	for _, r := range w.pending {
		if err := w.writeRow(r); err != nil {
			return err
		}
	}
	w.pending = nil
	return nil
}

// valueWidth is how wide cell v of column i is shown.
func (w *xlsxWriter) valueWidth(i int, v string) int {
	if w.types[i] == schema.Date {
		if _, clock, ok := date([]byte(v)); ok {
			if clock {
				return len("2006-01-02T15:04:05")
			}
			return len("2006-01-02")
		}
	}
	return cellWidth(v)
}

// cellWidth is the display width of the widest line of v.
func cellWidth(v string) int {
	n := 0
	for line := range strings.SplitSeq(v, "\n") {
		n = max(n, runewidth.StringWidth(line))
	}
	return n
}

// writeRow writes one row of cells, each typed by its column.
func (w *xlsxWriter) writeRow(row []string) error {
	r := w.row // the row's number among the rows, 1 the first after the header
	for i, v := range row {
		w.cells[i] = nil
		if v == "" {
			continue
		}
		b := []byte(v)
		switch t := w.types[i]; t {
		case schema.Integer, schema.Number:
			if d, ok := number(t, b); ok {
				if d%parse.DecimalScale == 0 {
					w.cells[i] = d.Int()
				} else {
					w.cells[i] = d.Float()
				}
				continue
			}
		case schema.Percent:
			if d, ok := number(t, b); ok {
				w.cells[i] = excelize.Cell{StyleID: w.percent, Value: float64(d) / float64(100*parse.DecimalScale)}
				continue
			}
		case schema.Date:
			if d, clock, ok := date(b); ok && d.Year() >= 1900 {
				style := w.day
				if clock {
					style = w.clock
				}
				w.cells[i] = excelize.Cell{StyleID: style, Value: d}
				continue
			}
		case schema.Bool:
			if flag, ok := boolean(b); ok {
				w.cells[i] = flag
				continue
			}
		}
		if err := w.checkText(r, i, v); err != nil {
			return err
		}
		w.cells[i] = v
	}
	return w.setRow()
}

// setRow writes w.cells as the sheet's next row.
func (w *xlsxWriter) setRow() error {
	w.row++
	if w.row > excelize.TotalRows {
		return fmt.Errorf("output row %d: a worksheet holds %d rows; write csv instead", w.row-1, excelize.TotalRows-1)
	}
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sheet.SetRow(cell, w.cells)
}

// checkText refuses a text cell a workbook cannot hold as it is: longer
// than an Excel cell, or with a control character XML has no place for.
// row 0 is the header.
func (w *xlsxWriter) checkText(row, col int, v string) error {
	units := 0
	for _, c := range v {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == utf8.RuneError {
			return xlsxCellError(w.header, row, col, fmt.Errorf("control character %U cannot be written in a workbook; write csv instead", c))
		}
		units += utf16.RuneLen(c)
	}
	if units > xlsxMaxCell {
		return xlsxCellError(w.header, row, col, fmt.Errorf("%d characters are more than the %d an Excel cell holds; write csv instead", units, xlsxMaxCell))
	}
	return nil
}

// xlsxCellError names the row (0 = the header) and column of a cell.
func xlsxCellError(header []string, row, col int, err error) error {
	if row == 0 {
		return fmt.Errorf("output header, column %d: %w", col+1, err)
	}
	return fmt.Errorf("output row %d, column %q: %w", row, header[col], err)
}

// Close writes the rows still held, the autofilter and the workbook, and
// removes the stream writer's temporary file.
func (w *xlsxWriter) Close() error {
	defer w.file.Close()
	if !w.started {
		if err := w.start(); err != nil {
			return err
		}
	}
	if len(w.header) > 0 {
		last, err := excelize.CoordinatesToCellName(len(w.header), max(w.row, 1))
		if err != nil {
			return err
		}
		if err := w.file.AutoFilter(XLSXSheet, "A1:"+last, nil); err != nil {
			return err
		}
	}
	if err := w.sheet.Flush(); err != nil {
		return err
	}
	if _, err := w.file.WriteTo(w.out); err != nil {
		return err
	}
	return w.out.Flush()
}
