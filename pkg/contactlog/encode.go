package contactlog

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/custkit/custkit/pkg/charset"
)

// CellError names the column of a value that cannot be written.
type CellError struct {
	Column string
	Err    error
}

func (e *CellError) Error() string { return fmt.Sprintf("column %q: %v", e.Column, e.Err) }
func (e *CellError) Unwrap() error { return e.Err }

// encode turns a row into the file's bytes, line end included: cells
// quoted where they hold the delimiter, a quote or a line break (RFC
// 4180), then encoded. A character the encoding lacks is an error naming
// the column, and nothing is written.
func (l *Layout) encode(row []string) ([]byte, error) {
	var sb strings.Builder
	for i, cell := range row {
		col := fmt.Sprint(i + 1)
		if i < len(l.Header) {
			col = l.Header[i]
		}
		if !utf8.ValidString(cell) {
			return nil, &CellError{Column: col, Err: errors.New("the value is not valid UTF-8")}
		}
		if err := charset.Check(cell, l.Encoding); err != nil {
			return nil, &CellError{Column: col, Err: err}
		}
		if i > 0 {
			sb.WriteByte(l.Comma)
		}
		if strings.ContainsAny(cell, "\"\r\n"+string(l.Comma)) {
			sb.WriteByte('"')
			sb.WriteString(strings.ReplaceAll(cell, `"`, `""`))
			sb.WriteByte('"')
		} else {
			sb.WriteString(cell)
		}
	}
	sb.WriteString(l.EOL)
	return l.encodeText(sb.String())
}

// encodeText encodes s in the file's encoding, without a byte order mark.
func (l *Layout) encodeText(s string) ([]byte, error) {
	switch l.Encoding {
	case "", charset.UTF8, charset.UTF8BOM:
		return []byte(s), nil
	}
	var buf bytes.Buffer
	w, err := charset.NewEncoder(&buf, l.Encoding)
	if err != nil {
		return nil, err
	}
	bomLen := buf.Len() // UTF-16 writes its BOM first
	if _, err := w.Write([]byte(s)); err != nil {
		return nil, err
	}
	return buf.Bytes()[bomLen:], nil
}
