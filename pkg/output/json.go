package output

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/custkit/custkit/pkg/schema"
)

// jsonWriter writes an array of objects, or with lines one object per line
// (JSON lines). Keys follow the header's column order; a value is typed
// by its column (see typed.go): numbers and flags as JSON numbers and
// booleans, an empty cell of a typed column as null, text as a string.
type jsonWriter struct {
	*sink
	lines bool
	opts  Options
	keys  [][]byte
	types []schema.Type
	buf   []byte
	n     int
}

func (w *jsonWriter) WriteHeader(cols []string) error {
	w.header = cols
	w.types = columnTypes(w.opts, cols)
	w.keys = make([][]byte, len(cols))
	for i, c := range cols {
		k, _ := json.Marshal(c)
		w.keys[i] = k
	}
	return nil
}

func (w *jsonWriter) Write(row []string) error {
	if len(row) != len(w.keys) {
		return fmt.Errorf("row has %d cells, header has %d", len(row), len(w.keys))
	}
	w.row++
	if err := w.check(row); err != nil {
		return err
	}
	cells := make([][]byte, len(row))
	for i, v := range row {
		cells[i] = []byte(v)
	}
	w.buf = w.AppendRowEnd(w.AppendCells(w.buf[:0], cells, 0))
	return w.put(w.buf)
}

// WriteObject writes obj, one JSON object with keys of its own, as the
// next row (see ObjectWriter).
func (w *jsonWriter) WriteObject(obj []byte) error {
	w.row++
	var b bytes.Buffer
	if err := json.Compact(&b, obj); err != nil {
		return fmt.Errorf("output row %d: %w", w.row, err)
	}
	if w.lines {
		w.buf = append(append(w.buf[:0], b.Bytes()...), '\n')
	} else {
		w.buf = append(append(w.buf[:0], ',', '\n'), b.Bytes()...) // the first row's comma becomes '['
	}
	return w.put(w.buf)
}

// AppendCells encodes cells that stand at column start onwards of a row
// as members of an object; it is safe for concurrent use.
func (w *jsonWriter) AppendCells(dst []byte, cells [][]byte, start int) []byte {
	for i, v := range cells {
		switch {
		case start+i > 0:
			dst = append(dst, ',')
		case w.lines:
			dst = append(dst, '{')
		default:
			dst = append(dst, ',', '\n', '{') // the first row's comma becomes '['
		}
		dst = append(dst, w.keys[start+i]...)
		dst = append(dst, ':')
		dst = appendJSONValue(dst, w.types[start+i], v)
	}
	return dst
}

// AppendRowEnd closes an object made by AppendCells.
func (w *jsonWriter) AppendRowEnd(dst []byte) []byte {
	if w.lines {
		return append(dst, '}', '\n')
	}
	return append(dst, '}')
}

// WriteEncoded writes whole objects made by AppendCells and AppendRowEnd.
// Verbatim is false: no raw CSV line is JSON.
func (w *jsonWriter) Verbatim(byte) bool { return false }

func (w *jsonWriter) WriteEncoded(p []byte) error {
	if !w.lines && w.n == 0 && len(p) > 0 {
		p[0] = '[' // the first object opens the array instead of a comma
	}
	w.n += len(p)
	return w.putEncoded(p, jsonLayout)
}

func (w *jsonWriter) put(p []byte) error {
	if !w.lines && w.n == 0 {
		p[0] = '['
	}
	w.n += len(p)
	return w.sink.put(p)
}

func (w *jsonWriter) Close() error {
	if !w.lines {
		end := "\n]\n"
		if w.n == 0 {
			end = "[]\n"
		}
		if err := w.sink.put([]byte(end)); err != nil {
			return err
		}
	}
	return w.flush()
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends v as a JSON string. Invalid UTF-8 cannot reach
// here: the reader rejects it.
func appendJSONString(dst, v []byte) []byte {
	dst = append(dst, '"')
	for _, c := range v {
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}
