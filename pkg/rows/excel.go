package rows

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

// This file holds what the reader does about the way spreadsheets save CSV.
// Each habit is found either once per file, before the header, or by a test
// that a normal record passes at the cost of one comparison, so that tidy
// files read as fast as before.

// bom is U+FEFF in UTF-8. The decoder drops it at the start of a file, but
// two files joined with cat keep the second one's before its header.
const bom = "\uFEFF"

// Skips counts the rows a reader skipped because they hold no data.
type Skips struct {
	// Empty is the number of rows whose fields are all empty (`,,,,`,
	// `"",""`) and of blank lines, below the header.
	Empty int
	// Headers is the number of rows that repeat the header, as a file
	// made by joining several exports with cat has them; FirstHeader is
	// the line of the first of them.
	Headers     int
	FirstHeader int
}

// tally gathers the skips of a reader's blocks, which are parsed on
// several goroutines; each block adds its own once, when it is done.
type tally struct {
	mu sync.Mutex
	Skips
}

// Skipped returns the rows skipped so far: after the last record has been
// read (by Next, or by Each on every block), all of them.
func (r *Reader) Skipped() Skips {
	r.tally.mu.Lock()
	defer r.tally.mu.Unlock()
	return r.tally.Skips
}

// HeaderLine returns the physical line the header starts on: 1, unless
// blank lines or title rows stand above it.
func (r *Reader) HeaderLine() int { return r.headerLine }

// Above returns the rows above the header, title rows as a spreadsheet
// has them (blank lines are not among them), for a command that writes
// the file back.
func (r *Reader) Above() [][]string { return r.above }

// HeaderNote says where the header was found when it is not on line 1,
// as "header on line 3; lines 1–2 skipped", or "" when it is on line 1.
func (r *Reader) HeaderNote() string {
	switch n := r.headerLine; {
	case n <= 1:
		return ""
	case n == 2:
		return "header on line 2; line 1 skipped"
	default:
		return fmt.Sprintf("header on line %d; lines 1–%d skipped", n, n-1)
	}
}

// maybeHeader reports whether f, a record's first field, is the header's
// first name, with or without a BOM.
func (b *Block) maybeHeader(f []byte) bool {
	switch len(f) {
	case b.h0:
		return string(f) == b.header[0]
	case b.h0 + len(bom):
		return string(f[len(bom):]) == b.header[0] && string(f[:len(bom)]) == bom
	}
	return false
}

// skip reports whether the record just parsed holds no data: all its
// fields are empty, or it repeats the header. It counts it if so.
func (b *Block) skip(line int, header []string) bool {
	p := &b.parser
	if empty(p.fields, p.rest, b.comma) {
		b.skips.Empty++
		return true
	}
	if sameAsHeader(p.fields, p.rest, b.comma, header) {
		if b.skips.Headers == 0 {
			b.skips.FirstHeader = line
		}
		b.skips.Headers++
		return true
	}
	return false
}

// flushSkips adds the block's skips to its reader's tally.
func (b *Block) flushSkips() {
	if b.skips == (Skips{}) || b.tally == nil {
		return
	}
	t := b.tally
	t.mu.Lock()
	t.Empty += b.skips.Empty
	if b.skips.Headers > 0 {
		if t.Headers == 0 || b.skips.FirstHeader < t.FirstHeader {
			t.FirstHeader = b.skips.FirstHeader
		}
		t.Headers += b.skips.Headers
	}
	t.mu.Unlock()
	b.skips = Skips{}
}

// empty reports whether fields, and rest (the record's fields not split,
// under EachPrefix), are all empty.
func empty(fields [][]byte, rest []byte, comma byte) bool {
	for _, f := range fields {
		if len(f) > 0 {
			return false
		}
	}
	for i, c := range rest {
		if c != comma && !(c == '\r' && i == len(rest)-1) {
			return false
		}
	}
	return true
}

// sameAsHeader reports whether fields, followed by the fields of rest,
// are the header's names. A BOM before the first is ignored.
func sameAsHeader(fields [][]byte, rest []byte, comma byte, header []string) bool {
	if len(fields) > len(header) || len(header) == 0 {
		return false
	}
	for i, f := range fields {
		if i == 0 {
			f = bytes.TrimPrefix(f, []byte(bom))
		}
		if string(f) != header[i] {
			return false
		}
	}
	i := len(fields)
	if rest == nil {
		return i == len(header)
	}
	for i < len(header) {
		j := bytes.IndexByte(rest, comma)
		f := rest
		if j >= 0 {
			f = rest[:j]
		} else {
			f = trimCR(rest)
		}
		if string(f) != header[i] {
			return false
		}
		i++
		if j < 0 {
			return i == len(header)
		}
		rest = rest[j+1:]
	}
	return false
}

// detectEOL decides, from the first line end in data outside quotes,
// whether the file's lines end in a lone CR. It decides nothing while data
// holds no line end and more is to come, nor on a CR that ends data, which
// may be the first half of a CRLF.
func (r *Reader) detectEOL(data []byte) {
	i := firstLineEnd(data, r.comma)
	switch {
	case i < 0 || i == len(data)-1 && data[i] == '\r':
		if !r.eof {
			return
		}
		r.cr = i >= 0
	case data[i] == '\r' && data[i+1] != '\n':
		r.cr = true
	}
	r.eolKnown = true
}

// firstLineEnd returns the index of the first CR or LF of data that is not
// inside a quoted field, or -1. comma 0 takes comma and tab as delimiters.
func firstLineEnd(data []byte, comma byte) int {
	quoted, fieldStart := false, true
	for i := 0; i < len(data); i++ {
		c := data[i]
		if quoted {
			if c == '"' {
				if i+1 < len(data) && data[i+1] == '"' {
					i++
				} else {
					quoted = false
				}
			}
			continue
		}
		switch {
		case c == '\r' || c == '\n':
			return i
		case c == '"' && fieldStart:
			quoted = true
		}
		if comma == 0 {
			fieldStart = c == ',' || c == '\t'
		} else {
			fieldStart = c == comma
		}
	}
	return -1
}

// crToLF turns the lone CRs of data[from:] into LF in place, so that the
// rest of the reader sees LF line ends. A CRLF is left as it is. A CR that
// ends data, with more to come, is left for the next fill to decide: it
// ends no record yet, so it is carried over, as the last byte before from.
func (r *Reader) crToLF(data []byte, from int) {
	if r.pendingCR && from > 0 {
		from--
	}
	r.pendingCR = false
	for i := from; i < len(data); {
		j := bytes.IndexByte(data[i:], '\r')
		if j < 0 {
			break
		}
		i += j
		switch {
		case i+1 < len(data) && data[i+1] == '\n':
		case i+1 == len(data) && !r.eof:
			r.pendingCR = true
		default:
			data[i] = '\n'
		}
		i++
	}
}

// readHeader finds and parses the header row: the first record, the
// record on line HeaderRow, or the first that IsHeader accepts below a
// title row. Blank lines above it are skipped, even when they fill whole
// blocks.
func (r *Reader) readHeader(opts Options) error {
	var b *Block
	pos, line := 0, 0
	var first *headerCandidate
	var above [][]string
	// Parsing unquotes fields in place, so the rows below a rejected first
	// row are parsed in a copy of the block: if none of them is the
	// header, they are read again as data.
	var scratch []byte
	for {
		for b == nil || pos >= len(b.data) {
			if first != nil && opts.HeaderRow == 0 {
				// Only the first block is searched below a title row.
				return r.useHeader(first, nil)
			}
			var err error
			if b, err = r.NextBlock(); err == io.EOF {
				if opts.HeaderRow > 0 && line > 0 {
					return &Error{File: r.name, Err: fmt.Errorf("the header row is line %d, but the file has %d lines", opts.HeaderRow, line-1)}
				}
				return &Error{File: r.name, Err: ErrEmpty}
			} else if err != nil {
				return err
			}
			pos, line = 0, b.line
			blank := 0
			pos = skipBlank(b.data, pos, &line, &blank)
		}
		b.validate()
		p := parser{comma: r.comma}
		start := line
		data := b.data
		if first != nil {
			if scratch == nil {
				scratch = bytes.Clone(b.data)
			}
			data = scratch
		}
		next, nl, err := p.record(data, pos)
		if err != nil {
			return &Error{File: r.name, Line: start, Err: err}
		}
		if err := b.checkEncoding(p.fields, nil, start); err != nil {
			return err
		}
		c := &headerCandidate{b: b, next: next, line: start, nl: nl, fields: toStrings(p.fields)}
		pos, line = next, start+nl
		blank := 0
		pos = skipBlank(data, pos, &line, &blank)
		switch {
		case opts.HeaderRow > 0 && start == opts.HeaderRow:
			return r.useHeader(c, above)
		case opts.HeaderRow > 0 && start > opts.HeaderRow:
			return &Error{File: r.name, Line: opts.HeaderRow, Err: fmt.Errorf("the header row is line %d, but no row starts there (it is blank, or inside a quoted field)", opts.HeaderRow)}
		case opts.HeaderRow > 0:
			above = append(above, c.fields)
		case opts.IsHeader == nil:
			return r.useHeader(c, nil)
		case first == nil && opts.IsHeader(c.fields):
			return r.useHeader(c, nil)
		case first == nil:
			first, above = c, [][]string{c.fields}
		case start > HeaderSearch:
			return r.useHeader(first, nil)
		case opts.IsHeader(c.fields):
			return r.useHeader(c, above)
		default:
			above = append(above, c.fields)
		}
	}
}

// headerCandidate is a record that may be the header, and where it is.
type headerCandidate struct {
	b        *Block
	next     int // where the record after it starts in b
	line, nl int
	fields   []string
}

// useHeader makes c the header, with above the rows above it, and sets
// the reader to go on with the record after it.
func (r *Reader) useHeader(c *headerCandidate, above [][]string) error {
	b := c.b
	r.crlf = c.next >= 2 && b.data[c.next-1] == '\n' && b.data[c.next-2] == '\r'
	r.header, r.above, r.headerLine = c.fields, above, c.line
	r.cur, r.curPos, r.curLine = b, c.next, c.line+c.nl
	b.width, b.header, b.h0 = len(r.header), r.header, len(r.header[0])
	return nil
}

// toStrings copies fields as strings.
func toStrings(fields [][]byte) []string {
	s := make([]string, len(fields))
	for i, f := range fields {
		s[i] = string(f)
	}
	return s
}

// Notes says in words how the encoding was found, when it was a guess
// between two or UTF-16 without a BOM, where the header was found, when
// not on line 1, and what was skipped below it, one phrase each, for the
// line a command prints about the file:
//
//	warning: the encoding is a guess between utf-8 and shift_jis (few characters outside ASCII); give --encoding to say which
//	utf-16le without a byte order mark
//	header on line 3; lines 1–2 skipped
//	2 empty rows skipped
//	warning: the header is repeated on 3 lines (first on line 120); skipped
func (r *Reader) Notes() []string {
	var notes []string
	if n := r.detection.Note(); n != "" {
		notes = append(notes, n)
	}
	if n := r.HeaderNote(); n != "" {
		notes = append(notes, n)
	}
	sk := r.Skipped()
	switch sk.Empty {
	case 0:
	case 1:
		notes = append(notes, "1 empty row skipped")
	default:
		notes = append(notes, fmt.Sprintf("%d empty rows skipped", sk.Empty))
	}
	switch sk.Headers {
	case 0:
	case 1:
		notes = append(notes, fmt.Sprintf("warning: the header is repeated on line %d; skipped", sk.FirstHeader))
	default:
		notes = append(notes, fmt.Sprintf("warning: the header is repeated on %d lines (first on line %d); skipped", sk.Headers, sk.FirstHeader))
	}
	return notes
}
