package outfile

import (
	"bytes"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/custkit/custkit/pkg/output"
	"github.com/custkit/custkit/pkg/sink"
)

// headerSpy tells the target which columns are written and counts the
// rows; every 1024 rows it stops the writing if the run was interrupted.
type headerSpy struct {
	output.Writer
	t *Target
}

// WriteHeader records the columns written (those a column selection
// keeps), then writes them, unless the output may not hold them
// (Options.Allow).
func (h *headerSpy) WriteHeader(cols []string) error {
	shown, err := output.Shown(h.Writer, cols) // the columns --columns keeps
	if err != nil {
		return err
	}
	h.t.Holds(shown)
	if h.t.refused != nil {
		return h.t.refused
	}
	return h.Writer.WriteHeader(cols)
}

// Write counts the row, then writes it.
func (h *headerSpy) Write(row []string) error {
	if h.t.rows.Add(1)%1024 == 0 {
		if err := h.t.ctx.Err(); err != nil {
			return err
		}
	}
	return h.Writer.Write(row)
}

// Objects reports whether the output writes records as JSON objects of
// their own (see output.ObjectWriter): json and jsonl.
func (t *Target) Objects() bool {
	_, ok := t.Writer.(*headerSpy).Writer.(output.ObjectWriter)
	return ok
}

// WriteObject writes obj, one JSON object, as a row of a json or jsonl
// output, and counts it.
func (t *Target) WriteObject(obj []byte) error {
	o, ok := t.Writer.(*headerSpy).Writer.(output.ObjectWriter)
	if !ok {
		return fmt.Errorf("this output format cannot hold JSON objects")
	}
	if t.rows.Add(1)%1024 == 0 {
		if err := t.ctx.Err(); err != nil {
			return err
		}
	}
	return o.WriteObject(obj)
}

// Mask masks value, a value of column, as the target masks the cells it
// prints: for text printed outside a table, so that one rule masks both.
func (t *Target) Mask(column, value string) string {
	if t.opts.Writer.Mask == nil {
		return value
	}
	return t.opts.Writer.Mask(column, value)
}

// Printed reports whether the output is a printed format (table,
// markdown), which takes notes between tables.
func (t *Target) Printed() bool {
	_, ok := t.Writer.(*headerSpy).Writer.(output.Noter)
	return ok
}

// Note writes a line of text between tables of a printed format (see
// output.Noter); the caller masks it with Mask first.
func (t *Target) Note(line string) error {
	n, ok := t.Writer.(*headerSpy).Writer.(output.Noter)
	if !ok {
		return fmt.Errorf("this output format cannot hold text between tables")
	}
	return n.Note(line)
}

// WriteDocument writes p, bytes of a document format (output.HTML), as
// they are.
func (t *Target) WriteDocument(p []byte) error {
	d, ok := t.Writer.(*headerSpy).Writer.(output.DocumentWriter)
	if !ok {
		return fmt.Errorf("this output format cannot hold a document")
	}
	if err := t.ctx.Err(); err != nil {
		return err
	}
	return d.WriteDocument(p)
}

// Encoder exposes the fast path of the underlying writer, if it has one
// (see sink.Encodable). Rows written through it are counted as
// AppendRowEnd ends them.
func (t *Target) Encoder() sink.Encoder {
	e := sink.EncoderOf(t.Writer.(*headerSpy).Writer)
	if e == nil {
		return nil
	}
	return &countingEncoder{Encoder: e, rows: &t.rows}
}

// countingEncoder counts the rows encoded on the fast path; it is safe for
// the concurrent use the Encoder contract allows.
type countingEncoder struct {
	sink.Encoder
	rows *atomic.Int64
}

// AppendRowEnd counts the row it ends.
func (c *countingEncoder) AppendRowEnd(dst []byte) []byte {
	c.rows.Add(1)
	return c.Encoder.AppendRowEnd(dst)
}

// heldWriter writes to dst, or, while hold says so, keeps what it is
// given until hold says no more (at a later write) or until release:
// standard output of a run that must read an encrypted input to its end,
// where it is authenticated whole, before it may answer. A run that reads
// its inputs to the end before it writes (ledger, segment) holds nothing.
// Once it has written to dst it holds nothing more.
type heldWriter struct {
	dst     io.Writer
	hold    func() bool
	passing bool // written to dst: hold is not asked again
	buf     bytes.Buffer
}

func (h *heldWriter) Write(p []byte) (int, error) {
	if !h.passing {
		if h.hold() {
			return h.buf.Write(p)
		}
		if err := h.release(); err != nil {
			return 0, err
		}
	}
	return h.dst.Write(p)
}

// release writes what was held, and lets what follows through.
func (h *heldWriter) release() error {
	h.passing = true
	if h.buf.Len() == 0 {
		return nil
	}
	_, err := h.buf.WriteTo(h.dst)
	h.buf = bytes.Buffer{}
	return err
}
