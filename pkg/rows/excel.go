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
	// Totals is the number of totals rows (see [Reader.SkipTotals]);
	// FirstTotals is the line of the first of them, TotalsColumn the
	// column of its word and TotalsWord the word (合計, Total, ...).
	Totals       int
	FirstTotals  int
	TotalsColumn int
	TotalsWord   string
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

// TotalsNote says how many totals rows of the file named name were
// skipped, and where the first is, as "1 totals row skipped (line 22:
// 合計)" or "2 totals rows skipped (first on line 22: 合計)"; "" if none.
func (s Skips) TotalsNote(name string) string {
	line := LineOf(name, s.FirstTotals)
	switch s.Totals {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("1 totals row skipped (line %d: %s)", line, s.TotalsWord)
	}
	return fmt.Sprintf("%d totals rows skipped (first on line %d: %s)", s.Totals, line, s.TotalsWord)
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
	if s := &b.skips; s.Totals > 0 {
		if t.Totals == 0 || s.FirstTotals < t.FirstTotals {
			t.FirstTotals, t.TotalsColumn, t.TotalsWord = s.FirstTotals, s.TotalsColumn, s.TotalsWord
		}
		t.Totals += s.Totals
	}
	t.mu.Unlock()
	b.skips = Skips{}
}

// A spreadsheet export often ends in a totals row that a person (or the
// register's Excel template) added below the data: 合計 in the first cell,
// the sums of the quantity and amount columns, nothing else. Read as a
// sales line it is a walk-in with no date worth the whole file. The reader
// skips and counts it, once told the columns that no totals row fills.

// totals is where a reader looks for a totals row (see SkipTotals): the
// customer id column and the date column (-1 if the file has none).
type totals struct{ id, date int }

// SkipTotals makes r skip the totals rows of its file, and count them
// ([Skips.Totals]): a row whose first non-empty cell holds 合計, 小計, 総計,
// 計 or Total (in any case) and nothing else, whose date (column date; -1
// when the file has none) is empty, and whose customer id (column id) is
// empty or is that cell, the word standing where a spreadsheet's first
// column is the id. A row with a customer id or a date is never one, so
// no sale is skipped. Only a row whose date is empty is looked at further
// (when the pass does not split the date column, see [Block.EachPrefix],
// one whose customer id is empty or the word), so that an ordinary row
// costs one comparison. The columns are r's file's own, as its header has
// them; the later files of a chain need their own call. Call it after
// NewReader and before the first read; a negative id turns it off.
func (r *Reader) SkipTotals(id, date int) {
	r.totals = nil
	if id >= 0 {
		r.totals = &totals{id: id, date: date}
	}
	if r.cur != nil {
		// The block the header came from, whose rest is read first.
		r.cur.totals = r.totals
		r.cur.totalsGate(0)
	}
}

// totalsGate picks, for a pass over b that splits the first n fields of
// each record (0: all), the cell that rules a totals row out on nearly
// every row: the date, when it is split, else the customer id, which may
// hold the word.
func (b *Block) totalsGate(n int) {
	t := b.totals
	if t == nil {
		return
	}
	b.gate, b.gateID = t.date, false
	if t.date < 0 || n > 0 && t.date >= n {
		b.gate, b.gateID = t.id, true
	}
}

// skipTotals reports whether the record just parsed, on line, is a totals
// row, and counts it if so. It is called only when the cell totalsGate
// picked says it may be.
func (b *Block) skipTotals(line int) bool {
	p, t := &b.parser, b.totals
	if t.date >= 0 && len(cellOf(p.fields, p.rest, b.comma, t.date)) > 0 {
		return false
	}
	col, word := firstCell(p.fields, p.rest, b.comma)
	if !totalsWord(word) || col != t.id && len(cellOf(p.fields, p.rest, b.comma, t.id)) > 0 {
		return false
	}
	if b.skips.Totals == 0 {
		b.skips.FirstTotals, b.skips.TotalsColumn, b.skips.TotalsWord = line, col, string(word)
	}
	b.skips.Totals++
	return true
}

// totalsWord reports whether a cell is the word of a totals row.
func totalsWord(w []byte) bool {
	switch string(w) {
	case "合計", "小計", "総計", "計":
		return true
	}
	return len(w) == 5 && bytes.EqualFold(w, []byte("total"))
}

// cellOf returns field i of a record split into fields, with rest (the
// fields not split, under EachPrefix), or nil if the record is shorter.
func cellOf(fields [][]byte, rest []byte, comma byte, i int) []byte {
	if i < len(fields) {
		return fields[i]
	}
	if rest == nil {
		return nil
	}
	for i -= len(fields); ; i-- {
		j := bytes.IndexByte(rest, comma)
		if j < 0 {
			if i == 0 {
				return trimCR(rest)
			}
			return nil
		}
		if i == 0 {
			return rest[:j]
		}
		rest = rest[j+1:]
	}
}

// firstCell returns the column and the text of the first cell of a record
// that is not empty; the text is nil when every cell is.
func firstCell(fields [][]byte, rest []byte, comma byte) (int, []byte) {
	for i, f := range fields {
		if len(f) > 0 {
			return i, f
		}
	}
	for i := len(fields); rest != nil; i++ {
		f := rest
		j := bytes.IndexByte(rest, comma)
		if j >= 0 {
			f, rest = rest[:j], rest[j+1:]
		} else {
			f, rest = trimCR(rest), nil
		}
		if len(f) > 0 {
			return i, f
		}
	}
	return -1, nil
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
		p := newParser(r.comma)
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
//	1 totals row skipped (line 22: 合計)
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
	if n := sk.TotalsNote(r.name); n != "" {
		notes = append(notes, n)
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
