package rows

import (
	"io"
	"strings"
)

// TextChunk is about how much CSV text a Text makes at a time.
const TextChunk = 64 << 10

// Text is CSV text made a chunk at a time from the records of another
// format (a JSON file, a workbook's sheet), for a Reader. Fill appends
// whole records to Buf (AppendRecord), about TextChunk bytes, and reports
// false at the end of the records or an error, which Read returns after
// the text made before it.
type Text struct {
	Fill func() (more bool, err error)
	Buf  []byte
	off  int
	err  error
	done bool
}

func (t *Text) Read(p []byte) (int, error) {
	for t.off >= len(t.Buf) {
		if t.done {
			if t.err != nil {
				return 0, t.err
			}
			return 0, io.EOF
		}
		t.Buf, t.off = t.Buf[:0], 0
		if more, err := t.Fill(); err != nil || !more {
			t.err, t.done = err, true
		}
	}
	n := copy(p, t.Buf[t.off:])
	t.off += n
	return n, nil
}

// AppendRecord appends fields as one CSV record, filled with empty fields
// to width, and returns the line breaks inside its fields, by which the
// record's CSV lines outrun the records.
func AppendRecord(b []byte, fields []string, width int) ([]byte, int) {
	breaks := 0
	for i := 0; i < max(len(fields), width); i++ {
		if i > 0 {
			b = append(b, ',')
		}
		if i < len(fields) {
			b = appendField(b, fields[i])
			breaks += strings.Count(fields[i], "\n")
		}
	}
	return append(b, '\n'), breaks
}

// appendField appends a CSV field, quoted when it must be.
func appendField(b []byte, f string) []byte {
	if !strings.ContainsAny(f, ",\"\n\r") {
		return append(b, f...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(f, '"')
		if i < 0 {
			break
		}
		b = append(b, f[:i+1]...)
		b = append(b, '"')
		f = f[i+1:]
	}
	b = append(b, f...)
	return append(b, '"')
}
