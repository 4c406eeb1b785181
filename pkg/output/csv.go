package output

import (
	"bytes"
	"encoding/binary"

	"github.com/custkit/custkit/pkg/swar"
)

// csvWriter writes RFC 4180 CSV (or TSV with a tab) with LF line ends
// (CRLF when asked), quoting only the fields that need it.
type csvWriter struct {
	*sink
	comma byte
	guard bool
	crlf  bool
	cr    bool // lone CR line ends (Excel for Mac)
	buf   []byte
	cells [][]byte
}

func (w *csvWriter) WriteHeader(cols []string) error {
	w.header = cols
	// The header is guarded like every other row: a spreadsheet runs a
	// column name such as =HYPERLINK(...) as readily as a cell.
	return w.writeRow(cols, w.guard)
}

func (w *csvWriter) Write(row []string) error {
	w.row++
	return w.writeRow(row, w.guard)
}

func (w *csvWriter) writeRow(row []string, guard bool) error {
	if err := w.check(row); err != nil {
		return err
	}
	w.buf = w.buf[:0]
	for i, v := range row {
		if i > 0 {
			w.buf = append(w.buf, w.comma)
		}
		w.buf = appendField(w.buf, v, w.comma, guard)
	}
	w.buf = w.AppendRowEnd(w.buf)
	return w.put(w.buf)
}

// AppendCells encodes cells that stand at column start onwards of a row; it
// is safe for concurrent use.
func (w *csvWriter) AppendCells(dst []byte, cells [][]byte, start int) []byte {
	for i, v := range cells {
		if start+i > 0 {
			dst = append(dst, w.comma)
		}
		dst = appendCell(dst, v, w.comma, w.guard)
	}
	return dst
}

// Verbatim reports whether cells that need no quoting, joined by comma, are
// already their own encoding: the delimiter is comma and the formula guard,
// which may alter a cell, is off. A caller holding such a record's bytes
// (rows.Record.Raw) may then copy them instead of calling AppendCells.
func (w *csvWriter) Verbatim(comma byte) bool { return comma == w.comma && !w.guard }

// AppendRowEnd ends a row made by AppendCells; dst holds whole rows before
// it. A row that is a single empty cell is written as "": a bare newline
// would be a blank line, which readers skip, so the row would be lost.
func (w *csvWriter) AppendRowEnd(dst []byte) []byte {
	if n := len(dst); n == 0 || dst[n-1] == '\n' || w.cr && dst[n-1] == '\r' {
		dst = append(dst, '"', '"')
	}
	if w.cr {
		return append(dst, '\r')
	}
	if w.crlf {
		dst = append(dst, '\r')
	}
	return append(dst, '\n')
}

// WriteEncoded writes whole rows made by AppendCells and AppendRowEnd.
func (w *csvWriter) WriteEncoded(p []byte) error {
	if w.comma == '\t' {
		return w.putEncoded(p, tsvLayout)
	}
	return w.putEncoded(p, csvLayout)
}

func (w *csvWriter) Close() error { return w.flush() }

// appendField appends v, quoted if it holds the delimiter, a quote or a line
// break, and with a leading apostrophe if guard is set and a spreadsheet would
// read it as a formula.
func appendField[T string | []byte](dst []byte, v T, comma byte, guard bool) []byte {
	if guard && IsFormula(string(v)) {
		dst = append(dst, '"', '\'')
		return appendQuotedBody(dst, v)
	}
	if !needsQuotes(v, comma) {
		return append(dst, v...)
	}
	dst = append(dst, '"')
	return appendQuotedBody(dst, v)
}

// appendCell is appendField for the encoders' cells.
func appendCell(dst, v []byte, comma byte, guard bool) []byte {
	if guard || bytesNeedQuotes(v, comma) {
		return appendField(dst, v, comma, guard)
	}
	return append(dst, v...)
}

func appendQuotedBody[T string | []byte](dst []byte, v T) []byte {
	for i := 0; i < len(v); i++ {
		if v[i] == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, v[i])
	}
	return append(dst, '"')
}

func needsQuotes[T string | []byte](v T, comma byte) bool {
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case comma, '"', '\n', '\r':
			return true
		}
	}
	return false
}

var (
	quotes   = swar.Repeat('"')
	newlines = swar.Repeat('\n')
	returns  = swar.Repeat('\r')
)

// bytesNeedQuotes is needsQuotes for the encoders' hot path, which every
// cell of a large output goes through: it looks at eight bytes at a time.
func bytesNeedQuotes(v []byte, comma byte) bool {
	commas := swar.Repeat(comma)
	for len(v) >= 8 {
		w := binary.LittleEndian.Uint64(v)
		if swar.Match(w, commas)|swar.Match(w, quotes)|swar.Match(w, newlines)|swar.Match(w, returns) != 0 {
			return true
		}
		v = v[8:]
	}
	for _, c := range v {
		switch c {
		case comma, '"', '\n', '\r':
			return true
		}
	}
	return false
}

// IsFormula reports whether a spreadsheet would run v as a formula: it
// starts with =, +, -, @, a tab or a carriage return, and is not a plain
// number such as -300 or +81 (numbers are never altered).
func IsFormula(v string) bool {
	if v == "" {
		return false
	}
	switch v[0] {
	case '=', '+', '-', '@', '\t', '\r':
	default:
		return false
	}
	return !isPlainNumber(v)
}

func isPlainNumber(v string) bool {
	b := []byte(v)
	if b[0] == '+' || b[0] == '-' {
		b = b[1:]
	}
	if len(b) == 0 {
		return false
	}
	dot := false
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(b)-1:
			dot = true
		case c == ',' && i > 0 && i < len(b)-1:
		default:
			return false
		}
	}
	return !bytes.ContainsAny(b, " ")
}
