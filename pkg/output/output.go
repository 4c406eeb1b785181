// Package output writes rows in the format the user asked for: CSV, TSV,
// JSON, JSON lines, a terminal table, a Markdown table, vCards or an Excel
// workbook.
//
// It is the last step of the data path. [New] is the one constructor; each
// format lives in its own file behind the [Writer] interface. The options
// cover what every command shares: the output encoding (UTF-8, UTF-8 with a
// BOM for Excel, Shift_JIS for older Japanese software), masking of personal
// data in printed tables, and the spreadsheet formula guard.
//
// Writers write whole rows to the underlying writer, never part of one, so
// that an encoding error can name the row and a transcoding writer never sees
// half a character.
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/custkit/custkit/pkg/charset"
	"github.com/custkit/custkit/pkg/schema"
	rowsink "github.com/custkit/custkit/pkg/sink" // this package's sink is where a writer puts its bytes
)

// Format is an output format name.
type Format string

// The output formats.
const (
	CSV      Format = "csv"
	TSV      Format = "tsv"
	JSON     Format = "json"
	JSONL    Format = "jsonl"
	Table    Format = "table"
	Markdown Format = "markdown"
	VCard    Format = "vcard" // vCard 4.0, one card per row, for address books
	XLSX     Format = "xlsx"  // an Excel workbook, cells typed by their columns
)

// Formats lists every format, for flag help and completion.
var Formats = []string{"csv", "tsv", "json", "jsonl", "table", "markdown", "vcard", "xlsx"}

// ParseFormat checks a format name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if s == f {
			return Format(f), nil
		}
	}
	return "", fmt.Errorf("unknown format %q (choose one of %s)", s, strings.Join(Formats, ", "))
}

// Printed reports whether f is meant for people rather than programs; such
// output masks personal data unless revealed.
func (f Format) Printed() bool { return f == Table || f == Markdown || f == HTML }

// Options configure a Writer.
type Options struct {
	Format   Format
	Encoding charset.Encoding // "" or utf-8, utf-8-bom, shift_jis; euc-jp and utf-16 for rewriting a file as it was
	// Mask, when set, replaces a value of the named column before it is printed.
	// It is applied by the table and markdown writers only.
	Mask func(column, value string) string
	// FormulaGuard neutralises cells that a spreadsheet would run as a
	// formula, in CSV and TSV output.
	FormulaGuard bool
	// Aliases are the customers header aliases from the config; the vcard
	// writer finds the name, address and other columns with them.
	Aliases schema.Aliases
	// CRLF ends CSV and TSV rows with CRLF instead of LF, for writing a
	// file back in the line ends it was saved with on Windows.
	CRLF bool
	// CR ends them with a lone CR, for a file saved by Excel for Mac.
	CR bool
	// Types says the type of each column of a header, for the typed
	// formats (json, jsonl, xlsx); nil types columns by their built-in
	// names and aliases (schema.ColumnTypes without the config's).
	Types func(cols []string) []schema.Type
	// TempDir is where the xlsx writer keeps the rows of a large sheet
	// until the workbook is written; "" is the system's temporary
	// directory.
	TempDir string
	// ExcelSerial has the vcard writer read an Excel serial day number in
	// a date column (BDAY, ANNIVERSARY) as the date it is, as every
	// command reads date columns with the config's dates: {excel_serial: true}.
	ExcelSerial bool
	// Columns chooses and orders the columns written, by logical field,
	// header name or computed column's name (--columns); nil writes every
	// column. A name the output lacks is a usage error.
	Columns []string
	// ColumnAliases are the config's header aliases of every kind of file,
	// by which Columns and a Screen's columns find a logical field.
	ColumnAliases map[string]schema.Aliases
	// Screen, for a table printed on a terminal, fits the table to its
	// width; nil draws every column whole.
	Screen *Screen
}

// Binary reports whether f is written as bytes that are not text (an xlsx
// workbook), which a terminal cannot show.
func (f Format) Binary() bool { return f == XLSX }

// Writer writes a header and rows in one format.
type Writer interface {
	// WriteHeader writes the column names; call it once, first.
	WriteHeader(cols []string) error
	// Write writes one row; it must have as many cells as the header.
	Write(row []string) error
	// Close writes what is buffered (a table is drawn only now). It does
	// not close the underlying writer.
	Close() error
}

// The writers of streaming formats have the fast path of [rowsink.Encoder]:
// operations encode rows on all cores and write them whole.
var (
	_ rowsink.Encoder = (*csvWriter)(nil)
	_ rowsink.Encoder = (*jsonWriter)(nil)
)

// Noter is implemented by the printed formats (table, markdown), for
// commands that print a document of text and several tables, such as a
// customer card. Note ends the table so far (drawing it), writes line, and
// the next WriteHeader starts a new table. Notes are not masked: the caller
// masks what it puts in them, with the same Options.Mask.
type Noter interface {
	Note(line string) error
}

// ObjectWriter is implemented by the json and jsonl writers, for a report
// whose records carry more than a row of text can (lists, nested
// objects): WriteObject writes one record, a JSON object, as a row, keys
// and types as the object has them. The access log's entries are written
// so by audit show.
type ObjectWriter interface {
	WriteObject(obj []byte) error
}

// New returns a Writer of opts.Format that writes to w.
func New(w io.Writer, opts Options) (Writer, error) {
	bw := bufio.NewWriterSize(w, 256<<10)
	enc, err := charset.NewEncoder(bw, opts.Encoding)
	if err != nil {
		return nil, err
	}
	s := &sink{w: enc, direct: bw}
	if opts.Encoding == charset.CP932 || opts.Encoding == charset.EUCJP {
		s.enc = opts.Encoding
	}
	fw, err := newFormat(opts, s)
	if err != nil {
		return nil, err
	}
	return withSelection(fw, opts), nil
}

func newFormat(opts Options, s *sink) (Writer, error) {
	switch opts.Format {
	case CSV, "":
		return &csvWriter{sink: s, comma: ',', guard: opts.FormulaGuard, crlf: opts.CRLF, cr: opts.CR}, nil
	case TSV:
		return &csvWriter{sink: s, comma: '\t', guard: opts.FormulaGuard, crlf: opts.CRLF, cr: opts.CR}, nil
	case JSON:
		return &jsonWriter{sink: s, opts: opts}, nil
	case JSONL:
		return &jsonWriter{sink: s, lines: true, opts: opts}, nil
	case Table:
		return newTable(s, opts), nil
	case Markdown:
		return &markdownWriter{sink: s, mask: opts.Mask, marker: lineMarker(opts.Encoding)}, nil
	case VCard:
		if opts.Encoding != "" && opts.Encoding != charset.UTF8 {
			return nil, fmt.Errorf("vcard output is always UTF-8 without a BOM (RFC 6350); --output-encoding %s cannot apply", opts.Encoding)
		}
		return &vcardWriter{sink: s, aliases: opts.Aliases, serial: opts.ExcelSerial}, nil
	case XLSX:
		return newXLSX(s, opts)
	case HTML:
		return &documentWriter{sink: s}, nil
	}
	return nil, fmt.Errorf("unknown format %q", opts.Format)
}

// sink is where a format writer puts whole rows: w transcodes when the
// output encoding is not UTF-8, direct is the buffer below it.
type sink struct {
	w      io.Writer
	direct *bufio.Writer
	enc    charset.Encoding
	row    int // the row being written: 0 the header, 1 the first row after it
	header []string
}

// put writes one whole row's bytes.
func (s *sink) put(p []byte) error {
	_, err := s.w.Write(p)
	return err
}

// check reports a cell of the current row that cannot be written in the
// output encoding, naming the row and column.
func (s *sink) check(row []string) error {
	if s.enc == "" {
		return nil
	}
	for i, v := range row {
		if err := charset.Check(v, s.enc); err != nil {
			return s.cellError(s.row, i, err)
		}
	}
	return nil
}

// cellError names the row (0 = the header) and column of an output error.
func (s *sink) cellError(row, col int, err error) error {
	name := ""
	if col < len(s.header) {
		name = s.header[col]
	}
	if row == 0 {
		return fmt.Errorf("output header, column %q: %w", name, err)
	}
	return fmt.Errorf("output row %d, column %q: %w", row, name, err)
}

// putEncoded writes whole rows made by a rowsink.Encoder, laid out as l says. A
// character the output encoding cannot hold is reported with its row and
// column, as check does for rows written one by one; rows are counted for
// that only when the output is transcoded, as it costs a scan of p.
func (s *sink) putEncoded(p []byte, l encodedLayout) error {
	_, err := s.w.Write(p)
	if s.enc == "" {
		return err
	}
	var ue *charset.UnencodableError
	if errors.As(err, &ue) {
		rows, col := l.locate(p, ue.Offset)
		return s.cellError(s.row+rows+1, col, err)
	}
	rows, _ := l.locate(p, len(p))
	s.row += rows
	return err
}

// encodedLayout says where rows and cells are in a rowsink.Encoder's output.
type encodedLayout struct {
	comma      byte // between cells
	start, end byte // open and close a row
	// backslash says quoted text escapes with a backslash (JSON) rather
	// than by doubling the quote (CSV).
	backslash bool
}

var (
	csvLayout  = encodedLayout{comma: ',', start: '\n', end: '\n'}
	tsvLayout  = encodedLayout{comma: '\t', start: '\n', end: '\n'}
	jsonLayout = encodedLayout{comma: ',', start: '{', end: '}', backslash: true}
)

// locate returns how many whole rows of p end before byte off, and the
// column, from 0, of the cell that off falls in. Bytes inside quotes are
// cell content.
func (l encodedLayout) locate(p []byte, off int) (rows, col int) {
	quoted := false
	for i := 0; i < off && i < len(p); i++ {
		c := p[i]
		if quoted {
			if l.backslash && c == '\\' {
				i++
			} else if c == '"' {
				quoted = false
			}
			continue
		}
		switch c {
		case '"':
			quoted = true
		case l.comma:
			col++
		}
		if c == l.end {
			rows++
		}
		if c == l.start {
			col = 0
		}
	}
	return rows, col
}

func (s *sink) flush() error { return s.direct.Flush() }
