package output

import "fmt"

// HTML is a document written whole by a command (report), not rows: it
// is no choice of --format, and the command that writes it names it.
const HTML Format = "html"

// DocumentWriter is implemented by the writer of a document format: the
// command writes the document's bytes, which the writer passes on as they
// are (UTF-8).
type DocumentWriter interface {
	WriteDocument(p []byte) error
}

// documentWriter holds a document's bytes; it has no rows.
type documentWriter struct{ sink *sink }

func (d *documentWriter) WriteHeader([]string) error {
	return fmt.Errorf("an %s document holds no rows", HTML)
}

func (d *documentWriter) Write([]string) error {
	return fmt.Errorf("an %s document holds no rows", HTML)
}

// WriteDocument writes p as it is.
func (d *documentWriter) WriteDocument(p []byte) error { return d.sink.put(p) }

func (d *documentWriter) Close() error { return d.sink.flush() }
