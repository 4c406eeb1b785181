package rows

import (
	"bytes"
	"fmt"
	"io"
	"slices"

	"github.com/segmentio/asm/utf8"

	"github.com/custkit/custkit/pkg/charset"
)

// Options tells a Reader how to read one file.
type Options struct {
	// Name is the file as the user named it, used in every error.
	Name string
	// Encoding forces an encoding; "" detects it.
	Encoding charset.Encoding
	// Comma forces the delimiter, an ASCII byte other than a quote, CR
	// or LF (the splitter's one comparison a word needs it below 0x80,
	// see parser.below); 0 detects comma or tab from the header.
	Comma byte
	// BlockSize is the size of the blocks [Reader.NextBlock] reads; 0 means
	// 1 MiB. A record longer than a block grows the block.
	BlockSize int
	// HeaderRow is the physical line the header starts on; the lines above
	// it are skipped. 0 takes the first row that is not blank, or the one
	// IsHeader finds.
	HeaderRow int
	// IsHeader, when set (and HeaderRow is 0), tells a header from a title
	// row: when it rejects the first row, the first of the rows that start
	// within the first [HeaderSearch] lines (of the first block) that it
	// accepts is the header, and the rows above it are skipped. When it
	// accepts none, the first row is the header.
	IsHeader func(fields []string) bool
}

// HeaderSearch is how many lines from the top of a file a header is looked
// for in, below a title row.
const HeaderSearch = 20

// defaultBlockSize is large enough that handing blocks between goroutines
// costs nothing measurable, and small enough that the blocks in flight
// under EachBlock (and their outputs) stay a few tens of megabytes.
const defaultBlockSize = 1 << 20

// Reader reads records from one CSV or TSV file.
type Reader struct {
	name string
	src  io.Reader
	enc  charset.Encoding
	// detection is how enc was found (a guess between two, UTF-16
	// without a BOM).
	detection charset.Detection
	comma     byte
	crlf      bool
	header    []string
	size      int
	carry     []byte // the start of a record that did not fit the last block
	line      int    // physical line number of the first byte of carry
	eof       bool
	srcErr    error
	seq       int
	bytes     int64 // decoded bytes handed out so far
	cur       *Block
	curPos    int
	curLine   int
	fields    [][]byte
	// cr says the file's lines end in a lone CR, which fill turns into LF
	// as the bytes come in; eolKnown, that the first line end was seen;
	// pendingCR, that the last byte filled was such a CR, so that an LF
	// right after it belongs to it.
	cr, eolKnown, pendingCR bool
	headerLine              int
	above                   [][]string
	tally                   *tally
	chain                   *chain    // the files read after this one; see Chain
	meta                    any       // what the opener attached to the file; see SetMeta
	together                *together // the column runs are kept together by; see KeepTogether
	totals                  *totals   // where totals rows are told; see SkipTotals
}

// Record is one row of a file. Fields alias the reader's buffer and stay
// valid only until the next call that reads; copy what you keep.
type Record struct {
	File   string   // the file the record is in, as the user named it
	Line   int      // physical line where the record starts, in File
	Fields [][]byte // one entry per column, unquoted
	raw    []byte
	split  [][]byte // the fields split so far, of which Fields may be a prefix
	rest   []byte   // under EachPrefix, the fields after split, not yet split
	comma  byte
}

// In returns the file the record is in, or file if the record does not
// say (a record made by hand).
func (r *Record) In(file string) string {
	if r.File != "" {
		return r.File
	}
	return file
}

// Extend makes Fields hold the record's first n fields, or all of them if
// it has fewer, for a caller of [Block.EachPrefix] that needs more fields
// of some records than of most.
func (r *Record) Extend(n int) {
	for len(r.split) < n && r.rest != nil {
		i := bytes.IndexByte(r.rest, r.comma)
		if i < 0 {
			r.split, r.rest = append(r.split, trimCR(r.rest)), nil
			break
		}
		r.split, r.rest = append(r.split, r.rest[:i]), r.rest[i+1:]
	}
	r.Fields = r.split[:min(n, len(r.split))]
}

// Raw returns the record's bytes as they stand in the file, without the line
// end, when they are exactly its fields joined by the delimiter and no field
// needs quoting: the record has no quote and no carriage return. Otherwise it
// returns nil. A writer with the same delimiter can copy these bytes instead
// of encoding the fields one by one.
func (r *Record) Raw() []byte {
	if r.raw == nil || bytes.IndexByte(r.raw, '\r') >= 0 {
		return nil
	}
	return r.raw
}

// Field returns field i as a string, or "" if the row is shorter.
func (r *Record) Field(i int) string {
	if i < 0 || i >= len(r.Fields) {
		return ""
	}
	return string(r.Fields[i])
}

// NewReader detects the encoding and delimiter of src, reads the header row
// and returns a Reader positioned at the first data row. A file with no bytes
// (or only a BOM, or only blank lines) is [ErrEmpty]; a header without rows is
// a valid file with zero records.
func NewReader(src io.Reader, opts Options) (*Reader, error) {
	if c := opts.Comma; c >= 0x80 || c == '"' || c == '\n' || c == '\r' {
		return nil, &Error{File: opts.Name, Err: fmt.Errorf("delimiter %q: give an ASCII byte other than a quote or a line end", c)}
	}
	dec, det, err := charset.Decode(src, opts.Encoding)
	if err != nil {
		return nil, &Error{File: opts.Name, Err: err}
	}
	r := &Reader{name: opts.Name, src: dec, enc: det.Encoding, detection: det, comma: opts.Comma, size: opts.BlockSize, line: 1, tally: &tally{}}
	if r.size <= 0 {
		r.size = defaultBlockSize
	}
	if err := r.readHeader(opts); err != nil {
		return nil, err
	}
	return r, nil
}

// Name returns the file name used in errors.
func (r *Reader) Name() string { return r.name }

// Header returns the header row's names, as written in the file.
func (r *Reader) Header() []string { return r.header }

// Encoding returns the encoding the file was read in.
func (r *Reader) Encoding() charset.Encoding { return r.enc }

// Detection returns how the file's encoding was found: whether it was a
// guess between two encodings, or UTF-16 without a BOM.
func (r *Reader) Detection() charset.Detection { return r.detection }

// Comma returns the delimiter, ',' or '\t'.
func (r *Reader) Comma() byte { return r.comma }

// CRLF reports whether the header row ends in CRLF, as files saved on
// Windows do; a command that writes the file back uses the same line ends.
func (r *Reader) CRLF() bool { return r.crlf }

// CR reports whether the file's lines end in a lone CR, as Excel for Mac
// saves CSV. Records read as if their lines ended in LF; a command that
// writes the file back uses CR.
func (r *Reader) CR() bool { return r.cr }

// BytesRead returns how many decoded bytes have been read from the source so
// far; progress display uses it.
func (r *Reader) BytesRead() int64 {
	if r.chain != nil {
		return r.chain.bytes(r)
	}
	return r.bytes
}

// detectComma picks tab when the header line (the first line that is not
// blank) has more tabs than commas. It reports false when data does not yet
// hold the whole of that line and more is to come (atEOF false).
func detectComma(data []byte, atEOF bool) (byte, bool) {
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			if !atEOF {
				return 0, false
			}
			i = len(data)
		}
		line := trimCR(data[:i])
		if len(line) > 0 || i == len(data) {
			if bytes.Count(line, []byte{'\t'}) > bytes.Count(line, []byte{','}) {
				return '\t', true
			}
			return ',', true
		}
		data = data[i+1:]
	}
}

// Next returns the next record, or io.EOF after the last one. A row with the
// wrong number of fields returns the record together with an [*Error]
// wrapping [ErrRagged]. A row with bytes invalid in the encoding
// ([ErrEncoding]) or text after a closing quote ([ErrAfterQuote]) returns
// no record. Reading may go on after these three, with the next row; other
// errors are final.
// Next and NextBlock must not be mixed after the first call of either.
func (r *Reader) Next() (*Record, error) {
	for {
		if r.cur != nil {
			rec, err := r.cur.next(&r.curPos, &r.curLine, r.cur.header, 0)
			if rec != nil || err != nil {
				return rec, err
			}
		}
		r.cur = nil
		b, err := r.NextBlock()
		if err != nil {
			return nil, err
		}
		r.cur, r.curPos, r.curLine = b, 0, b.line
	}
}

// Block is a run of whole records, as read by [Reader.NextBlock]. Blocks are
// independent: several goroutines may call Each on different blocks at once.
type Block struct {
	data   []byte
	size   int // capacity of the buffer behind data, for Release
	line   int // physical line of data[0]
	name   string
	comma  byte
	width  int
	header []string
	check  func([]byte) bool // set, by validate, when the block has invalid text
	enc    charset.Encoding  // the encoding the block was decoded from
	Seq    int               // position of the block in the file, from 0
	parser parser
	rec    Record
	// transcoded says the block was decoded from another encoding (invalid
	// input shows as U+FFFD); validated, that validate has run.
	transcoded, validated bool
	// remap lays the records of a later file of a chain out in the first
	// file's order (see Chain), into mapped; noRaw says its records cannot
	// be copied as they stand.
	remap  []int
	mapped [][]byte
	noRaw  bool
	// h0 is the length of the header's first name (-1 before the header
	// is known); a record whose first field is empty or of that length
	// (or that plus a BOM) may be one to skip. skips counts the block's
	// skipped rows until they are added to tally, shared by the reader's
	// blocks.
	h0    int
	skips Skips
	tally *tally
	// totals says where the file's totals rows are told (Reader.SkipTotals),
	// nil if they are not looked for; gate is the column that rules one
	// out at a glance for the pass under way, gateID that it is the
	// customer id (see totalsGate).
	totals *totals
	gate   int
	gateID bool
	meta   any // the file's, see Reader.SetMeta
}

// File returns the name of the file the block is from.
func (b *Block) File() string { return b.name }

// Meta returns what the opener of the block's file attached to it with
// [Reader.SetMeta] (nil if nothing). A block is of one file, so a pass
// over a chain of files looks at it once per block, not per record.
func (b *Block) Meta() any { return b.meta }

// SetMeta attaches v to the file r reads, handed on with each of its
// blocks ([Block.Meta]): pkg/input attaches each file's header binding,
// so that the files of a chain are each read under their own. Call it
// before the first read of r.
func (r *Reader) SetMeta(v any) { r.meta = v }

// Bytes returns the size of the block's data.
func (b *Block) Bytes() int { return len(b.data) }

// Each calls fn for every record of the block, in order. The record and its
// fields are reused between calls. A ragged row or a field with invalid bytes
// stops the block with an [*Error]; so does an error from fn. Each unquotes
// fields in place in the block's data, so call it (or EachPrefix) once per
// block.
func (b *Block) Each(fn func(*Record) error) error { return b.each(0, fn) }

// EachPrefix is Each for a caller that reads only the first n fields of
// each record (n >= 1): the records fn sees hold those fields (and the
// row's fields, if fewer; [Record.Extend] splits more of them), and
// [Record.Raw] returns nil. The rest of each
// record is not split, which is faster when it is long or has many fields,
// but it is still checked: a ragged row, a quote problem or invalid bytes
// anywhere in the record stop the block with the same error as Each.
func (b *Block) EachPrefix(n int, fn func(*Record) error) error { return b.each(max(n, 1), fn) }

// each is Each, for the first n fields only if n > 0.
func (b *Block) each(n int, fn func(*Record) error) error {
	b.totalsGate(n)
	pos, line := 0, b.line
	for {
		rec, err := b.next(&pos, &line, b.header, n)
		if err != nil {
			return err
		}
		if rec == nil {
			return nil
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// next parses the record at *pos, advancing *pos and *line; nil, nil at the
// end of the block. n > 0 asks for the first n fields only. Empty rows,
// repeats of the header and totals rows are skipped and counted.
func (b *Block) next(pos, line *int, header []string, n int) (*Record, error) {
	b.validate()
	for {
		*pos = skipBlank(b.data, *pos, line, &b.skips.Empty)
		if *pos >= len(b.data) {
			b.flushSkips()
			return nil, nil
		}
		start := *line
		var next, nl, width int
		var err error
		if n > 0 && b.check == nil && b.remap == nil {
			next, nl, width, err = b.parser.prefix(b.data, *pos, n)
		} else {
			next, nl, err = b.parser.record(b.data, *pos)
			width = len(b.parser.fields)
		}
		*pos, *line = next, start+nl
		if err != nil {
			col, val := b.columnName(b.parser.errField, header), ""
			if f := b.parser.errField; f < len(b.parser.fields) {
				val = string(b.parser.fields[f])
			}
			return nil, &Error{File: b.name, Line: start, Column: col, Value: val, Err: err}
		}
		// The one test every record pays for: most first fields are
		// neither empty nor the header's first name.
		if f0 := b.parser.fields[0]; len(f0) == 0 || b.maybeHeader(f0) {
			if b.skip(start, header) {
				continue
			}
		}
		// With SkipTotals, one more: most dates are not empty (the cell
		// of totalsGate; a customer id may hold the word). The rest of the
		// test is skipTotals'.
		if f := b.parser.fields; b.totals != nil && b.gate < len(f) &&
			(len(f[b.gate]) == 0 || b.gateID && totalsWord(f[b.gate])) && b.skipTotals(start) {
			continue
		}
		b.rec.File, b.rec.Line, b.rec.Fields, b.rec.raw = b.name, start, b.parser.fields, b.parser.raw
		b.rec.split, b.rec.rest, b.rec.comma = b.parser.fields, b.parser.rest, b.comma
		if err := b.checkEncoding(b.rec.Fields, header, start); err != nil {
			return nil, err
		}
		if b.noRaw {
			b.rec.raw = nil
		}
		if b.remap != nil {
			if b.width > 0 && width != b.width {
				return &b.rec, &Error{File: b.name, Line: start, Err: &RaggedError{Got: width, Want: b.width}}
			}
			b.rec.Fields = b.remapped(b.rec.Fields)
			b.rec.split, b.rec.rest = b.rec.Fields, nil
		}
		if n > 0 && len(b.rec.Fields) > n {
			b.rec.Fields, b.rec.raw = b.rec.Fields[:n], nil
		}
		if b.width > 0 && width != b.width {
			return &b.rec, &Error{File: b.name, Line: start, Err: &RaggedError{Got: width, Want: b.width}}
		}
		return &b.rec, nil
	}
}

// validate checks the whole block's text once, before its first record is
// parsed, so that the check runs on the goroutine that parses the block (on
// all cores under EachBlock) rather than on the one that reads. Only a block
// that fails is then checked field by field, to name the field. UTF-8 is
// checked with segmentio/asm's validator, 32 bytes at a time with AVX2
// (the standard library's on other CPUs): on Japanese text, which the
// standard library decodes rune by rune, it is about six times faster.
func (b *Block) validate() {
	if b.validated {
		return
	}
	b.validated = true
	switch {
	case b.transcoded && !noReplacement(b.data):
		b.check = noReplacement
	case !b.transcoded && !utf8.Valid(b.data):
		b.check = validUTF8
	}
}

// checkEncoding names the first field holding bytes that are invalid in the
// file's encoding; it does nothing in a block that validate found valid.
func (b *Block) checkEncoding(fields [][]byte, header []string, line int) error {
	if b.check == nil {
		return nil
	}
	for i, f := range fields {
		if !b.check(f) {
			return b.encodingError(f, b.columnName(i, header), line)
		}
	}
	return nil
}

// encodingError is the error of field f, which is invalid in the file's
// encoding: a [*charset.ForeignError] when f is a line the decoder found to
// be UTF-8 (it holds [charset.ForeignMark]) or, in a UTF-8 file, when it
// reads in CP932 or EUC-JP; [ErrEncoding] otherwise.
func (b *Block) encodingError(f []byte, col string, line int) error {
	var err error = ErrEncoding
	switch {
	case b.transcoded:
		if i := bytes.Index(f, foreignMark); i >= 0 {
			f = slices.Concat(f[:i], f[i+len(foreignMark):])
			err = &charset.ForeignError{Read: b.enc, Other: charset.UTF8, Bytes: f}
		}
	default:
		if fe := charset.Foreign(f, b.enc); fe != nil {
			err = fe
		}
	}
	return &Error{File: b.name, Line: line, Column: col, Value: string(f), Err: err}
}

var foreignMark = []byte(charset.ForeignMark)

// columnName names column i for a message: its header name, or "#N" past
// the header's end.
func (b *Block) columnName(i int, header []string) string {
	if i < len(header) {
		return header[i]
	}
	return "#" + itoa(i+1)
}

// validUTF8 is the check for files read as UTF-8.
func validUTF8(p []byte) bool { return utf8.Valid(p) }

// noReplacement is the check for transcoded files: the decoders turn an
// invalid sequence into U+FFFD, which the source encodings cannot hold.
func noReplacement(p []byte) bool { return !bytes.Contains(p, replacementChar) }

var replacementChar = []byte("\uFFFD")

// NextBlock reads the next block of whole records, or returns io.EOF. An
// unterminated quoted field at the end of the file is reported when the block
// holding it is parsed, naming the line where the field started.
func (r *Reader) NextBlock() (*Block, error) {
	if r.chain != nil {
		return r.nextChained()
	}
	return r.nextBlock()
}

// nextBlock is NextBlock within the Reader's own file.
func (r *Reader) nextBlock() (*Block, error) {
	if b := r.cur; b != nil {
		// The rest of the block the header came from (or that Next was in).
		r.cur = nil
		if r.curPos < len(b.data) {
			rest := *b
			rest.data, rest.line, rest.size = b.data[r.curPos:], r.curLine, 0
			rest.meta, rest.totals = r.meta, r.totals // set after the header was read
			rest.totalsGate(0)
			rest.parser = newParser(r.comma)
			rest.parser.marks = newMarks(rest.data)
			if r.together == nil || r.keepRest(&rest) {
				return &rest, nil
			}
		}
	}
	for !r.eof || len(r.carry) > 0 {
		buf := r.fill()
		if buf == nil {
			return nil, r.srcErr
		}
		if r.comma == 0 {
			comma, ok := detectComma(buf, r.eof || len(buf) > maxRecord)
			if !ok {
				r.carry = buf // the header line is longer than the buffer
				continue
			}
			r.comma = comma
		}
		end, _ := scan(buf, r.comma)
		if r.eof {
			end = len(buf)
		}
		if end == 0 {
			if len(buf) > maxRecord {
				return nil, &Error{File: r.name, Line: r.line, Err: ErrTooLong}
			}
			r.carry = buf // one record longer than the buffer: read more
			continue
		}
		if len(buf) > maxRecord {
			// A record longer than the limit is refused wherever it is:
			// ended by the file as by a line end, in a buffer grown to
			// any size.
			if at, ok := overLimit(buf[:end], r.comma); ok {
				return nil, &Error{File: r.name, Line: r.line + bytes.Count(buf[:at], newline), Err: ErrTooLong}
			}
		}
		if r.together != nil {
			cut, err := r.cutRun(buf[:end])
			if err != nil {
				return nil, err
			}
			if cut == 0 {
				r.carry = buf // one run longer than the buffer: read more
				continue
			}
			end = cut
		}
		b := r.newBlock(buf[:end], cap(buf))
		r.line += bytes.Count(buf[:end], newline)
		r.carry = append(r.carry[:0:0], buf[end:]...)
		return b, nil
	}
	return nil, io.EOF
}

var newline = []byte{'\n'}

func (r *Reader) newBlock(data []byte, size int) *Block {
	b := &Block{data: data, size: size, line: r.line, name: r.name, comma: r.comma, width: len(r.header),
		header: r.header, Seq: r.seq, enc: r.enc, transcoded: r.enc.Transcoded(), tally: r.tally, h0: -1, meta: r.meta, totals: r.totals}
	if len(r.header) > 0 {
		b.h0 = len(r.header[0])
	}
	b.parser = newParser(r.comma)
	b.parser.marks = newMarks(data)
	b.totalsGate(0)
	r.seq++
	return b
}
