package rows

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"strconv"
	"sync"

	"github.com/custkit/custkit/pkg/swar"
)

// maxRecord bounds one record. A stray opening quote would otherwise make the
// reader hold the rest of a large file in memory before it can report it.
const maxRecord = 64 << 20

var blockPool sync.Pool

// fill returns the carried-over start of a record followed by as many new
// bytes as fit a block. It returns nil after a read error, kept in r.srcErr.
func (r *Reader) fill() []byte {
	need := r.size
	if len(r.carry) >= need/2 {
		need = max(need, 2*len(r.carry))
	}
	var buf []byte
	if need == r.size {
		if p, ok := blockPool.Get().(*[]byte); ok && cap(*p) >= need {
			buf = (*p)[:need]
		}
	}
	if buf == nil {
		buf = make([]byte, need)
	}
	n := copy(buf, r.carry)
	start := n
	for n < len(buf) && !r.eof {
		m, err := r.src.Read(buf[n:])
		n += m
		if err == io.EOF {
			r.eof = true
		} else if err != nil {
			r.srcErr = &Error{File: r.name, Err: err}
			return nil
		}
	}
	r.bytes += int64(n - start)
	if !r.eolKnown {
		r.detectEOL(buf[:n])
		start = 0 // the carried bytes came before the line ends were known
	}
	if r.cr {
		r.crToLF(buf[:n], start)
	}
	return buf[:n]
}

// Release gives the block's memory back for reuse by later blocks. Call it
// when no field of the block is referenced any more; it is optional.
func (b *Block) Release() {
	if cap(b.data) == b.size {
		d := b.data[:0]
		blockPool.Put(&d)
	}
	b.data, b.parser.marks = nil, nil
}

// scan finds the end of the last whole record in buf (the index after its
// newline, 0 if there is none) and whether buf ends inside a quoted field.
// It follows the parser's rule: a quote opens a quoted field only at the start
// of a field; elsewhere it is a literal character.
func scan(buf []byte, comma byte) (last int, open bool) {
	i := 0
	for i < len(buf) {
		j := bytes.IndexByte(buf[i:], '"')
		if j < 0 {
			if k := bytes.LastIndexByte(buf[i:], '\n'); k >= 0 {
				last = i + k + 1
			}
			return last, false
		}
		if k := bytes.LastIndexByte(buf[i:i+j], '\n'); k >= 0 {
			last = i + k + 1
		}
		q := i + j
		i = q + 1
		if q > 0 && buf[q-1] != comma && buf[q-1] != '\n' {
			continue // a literal quote inside an unquoted field
		}
		// Inside a quoted field: skip to its closing quote, past "" pairs.
		for {
			k := bytes.IndexByte(buf[i:], '"')
			if k < 0 {
				return last, true
			}
			i += k + 1
			if i < len(buf) && buf[i] == '"' {
				i++
				continue
			}
			break
		}
	}
	return last, false
}

// overLimit returns where the first record of data longer than maxRecord
// starts, if one is; data holds whole records (the last may lack its line
// end). It looks at one window of the limit's size per record.
func overLimit(data []byte, comma byte) (at int, ok bool) {
	for pos := 0; len(data)-pos > maxRecord; {
		last, _ := scan(data[pos:pos+maxRecord+1], comma)
		if last == 0 {
			return pos, true
		}
		pos += last
	}
	return 0, false
}

// skipBlank skips empty lines at data[pos:], counting them in *line and
// in *blank.
func skipBlank(data []byte, pos int, line, blank *int) int {
	for pos < len(data) {
		switch {
		case data[pos] == '\n':
			pos++
		case data[pos] == '\r' && pos+1 < len(data) && data[pos+1] == '\n':
			pos += 2
		default:
			return pos
		}
		*line++
		*blank++
	}
	return pos
}

// newParser returns a parser for records delimited by comma, an ASCII
// byte (the reader's are ',' and '\t').
func newParser(comma byte) parser {
	var p parser
	p.setComma(comma)
	return p
}

// setComma makes p split at comma, an ASCII byte.
func (p *parser) setComma(comma byte) { p.comma, p.below = comma, max(comma, '"', '\n')+1 }

// parser splits records into fields. Quoted fields are unescaped in place,
// so fields always alias the block's data and parsing allocates nothing.
type parser struct {
	comma    byte
	below    byte // bytes below it may end a field: see split
	fields   [][]byte
	raw      []byte // the record's bytes without its line end, if it has no quote
	rest     []byte // the fields prefix left unsplit, without the line end; else nil
	errField int    // index of the field an error is about
	marks    *marks // of the block's data, where bytemask is fast (see marks)
}

// record parses the record at data[pos:] into p.fields. It returns where the
// next record starts and how many newlines the record spanned.
func (p *parser) record(data []byte, pos int) (next, lines int, err error) {
	p.fields, p.rest = p.fields[:0], nil
	next, lines, ok := p.plain(data, pos)
	if ok {
		p.raw = trimCR(trimLF(data[pos:next]))
		return next, lines, nil
	}
	p.raw = nil
	return p.quoted(data, next)
}

// The plain splitter looks at eight bytes at a time (package swar): for
// each word it computes a mask with the high bit set in every byte below
// parser.below, the delimiter, a newline and a quote among them, and one
// of the delimiters. When the two are the same, as in most words, it
// takes the fields the delimiters end without looking at the bytes;
// otherwise it visits each byte of the first mask, passing over those
// that end nothing (a space, a bracket). Both together made splitting
// about 10% faster than a mask for each of the three bytes
// (BenchmarkEachPrefix). Every byte of a multi-byte UTF-8 character is
// >= 0x80 and never matches, so Japanese text costs the same as ASCII.

// plain splits the record at data[pos:] if it holds no quote, which is most
// records. On meeting a quote it returns ok = false with the fields before
// the one holding the quote split, and next where that field starts: the
// general parser goes on from there.
func (p *parser) plain(data []byte, pos int) (next, lines int, ok bool) {
	next, lines, ok, _ = p.split(data, pos, 0)
	return next, lines, ok
}

// split is plain stopping after limit fields (0: no limit). more says that
// it stopped there, inside the record: next is where the next field starts.
// On a quote, ok is false and next is where the field holding it starts.
func (p *parser) split(data []byte, pos, limit int) (next, lines int, ok, more bool) {
	if p.marks.of(data) {
		return p.splitMarked(data, pos, limit)
	}
	start, i, commas, fields := pos, pos, swar.Repeat(p.comma), p.fields
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		m := swar.Below(w, p.below)
		if c := swar.Match(w, commas); c == m {
			for ; c != 0; c &= c - 1 {
				j := i + bits.TrailingZeros64(c)>>3
				fields = append(fields, data[start:j])
				if start = j + 1; len(fields) == limit {
					return p.full(fields, start)
				}
			}
			continue
		}
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			m &= m - 1
			switch data[j] {
			case '\n', '"':
				return p.end(data, fields, start, j)
			case p.comma:
			default:
				continue
			}
			fields = append(fields, data[start:j])
			if start = j + 1; len(fields) == limit {
				return p.full(fields, start)
			}
		}
	}
	for ; i < len(data); i++ {
		switch data[i] {
		case '\n', '"':
			return p.end(data, fields, start, i)
		case p.comma:
			fields = append(fields, data[start:i])
			if start = i + 1; len(fields) == limit {
				return p.full(fields, start)
			}
		}
	}
	return p.last(data, fields, start)
}

// end is what split returns at data[j], a line end or a quote, with the
// record's fields so far and the one from start: at a line end the
// record ends; at a quote the field that holds it is the general
// parser's.
func (p *parser) end(data []byte, fields [][]byte, start, j int) (next, lines int, ok, more bool) {
	if data[j] == '"' {
		p.fields = fields
		return start, 0, false, false
	}
	p.fields = append(fields, trimCR(data[start:j]))
	return j + 1, 1, true, false
}

// full is what split returns when the record's fields up to its limit
// are split: next is where the next field starts.
func (p *parser) full(fields [][]byte, next int) (int, int, bool, bool) {
	p.fields = fields
	return next, 0, true, true
}

// last is what split returns at the end of data: the record's last
// field is the rest of it.
func (p *parser) last(data []byte, fields [][]byte, start int) (next, lines int, ok, more bool) {
	p.fields = append(fields, trimCR(data[start:]))
	return len(data), 0, true, false
}

// prefix splits the first n fields of the record at data[pos:] into
// p.fields and returns the record's number of fields, width. When the
// record holds no quote, the fields after the first n are only counted: a
// search for the line end, one for a quote and a count of delimiters run
// far faster than splitting. Otherwise the fields from the first with a
// quote in it on are parsed as record parses them, errors included.
func (p *parser) prefix(data []byte, pos, n int) (next, lines, width int, err error) {
	p.fields, p.raw, p.rest = p.fields[:0], nil, nil
	next, lines, ok, more := p.split(data, pos, n)
	if !ok { // a quote among the first n fields
		next, lines, err = p.quoted(data, next)
		return next, lines, len(p.fields), err
	}
	if !more {
		return next, lines, len(p.fields), nil
	}
	end, quote, commas := p.restOf(data, next)
	if quote {
		next, lines, err = p.quoted(data, next)
		return next, lines, len(p.fields), err
	}
	width = n + 1 + commas
	p.rest = data[next:end:end]
	if end < len(data) {
		return end + 1, 1, width, nil
	}
	return len(data), 0, width, nil
}

// restOf looks at the rest of a record, from data[pos:] to its line end:
// it returns where the line ends (its newline, or the end of data),
// whether a quote comes before, and the delimiters before.
func (p *parser) restOf(data []byte, pos int) (end int, quote bool, commas int) {
	if p.marks.of(data) {
		return p.marks.rest(data, pos, p.comma)
	}
	rest := data[pos:]
	end = bytes.IndexByte(rest, '\n')
	if end < 0 {
		end = len(rest)
	}
	if bytes.IndexByte(rest[:end], '"') >= 0 {
		return pos + end, true, 0
	}
	return pos + end, false, bytes.Count(rest[:end], []byte{p.comma})
}

// quoted is the general state machine, used for records with a quote in them.
func (p *parser) quoted(data []byte, pos int) (next, lines int, err error) {
	i := pos
	for {
		if i < len(data) && data[i] == '"' {
			var ok bool
			i, ok = p.quotedField(data, i+1, &lines)
			if !ok {
				return len(data), lines, ErrQuote
			}
			switch {
			case i >= len(data):
				return i, lines, nil
			case data[i] == p.comma:
				i++
				continue
			case data[i] == '\n':
				return i + 1, lines + 1, nil
			case data[i] == '\r' && (i+1 == len(data) || data[i+1] == '\n'):
				if i+1 == len(data) {
					return i + 1, lines, nil
				}
				return i + 2, lines + 1, nil
			}
			p.errField = len(p.fields) - 1
			return skipLine(data, i, &lines), lines, ErrAfterQuote
		}
		// Unquoted fields: the fast splitter takes them up to the line
		// end, or to the next field with a quote in it.
		next, nl, ok, _ := p.split(data, i, 0)
		if ok {
			return next, lines + nl, nil
		}
		if i = next; data[i] == '"' {
			continue
		}
		// A quote inside an unquoted field is a character of it.
		j := indexEither(data[i:], p.comma, '\n')
		if j < 0 {
			p.fields = append(p.fields, trimCR(data[i:]))
			return len(data), lines, nil
		}
		if data[i+j] == p.comma {
			p.fields = append(p.fields, data[i:i+j])
			i += j + 1
			continue
		}
		p.fields = append(p.fields, trimCR(data[i:i+j]))
		return i + j + 1, lines + 1, nil
	}
}

// quotedField reads a quoted field whose content starts at data[i], unescaping
// doubled quotes in place, and returns the index after the closing quote.
func (p *parser) quotedField(data []byte, i int, lines *int) (int, bool) {
	start, w := i, i
	for {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			p.errField = len(p.fields)
			p.fields = append(p.fields, data[start:])
			return len(data), false
		}
		*lines += bytes.Count(data[i:i+j], newline)
		w += copy(data[w:], data[i:i+j])
		i += j + 1
		if i < len(data) && data[i] == '"' {
			data[w] = '"'
			w++
			i++
			continue
		}
		p.fields = append(p.fields, data[start:w])
		return i, true
	}
}

// skipLine returns the index after the next newline at or after i.
func skipLine(data []byte, i int, lines *int) int {
	if k := bytes.IndexByte(data[i:], '\n'); k >= 0 {
		*lines++
		return i + k + 1
	}
	return len(data)
}

func indexEither(b []byte, x, y byte) int {
	for i, c := range b {
		if c == x || c == y {
			return i
		}
	}
	return -1
}

func trimLF(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		return b[:n-1]
	}
	return b
}

func trimCR(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		return b[:n-1]
	}
	return b
}

func itoa(i int) string { return strconv.Itoa(i) }
