package rows

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
)

// This file keeps runs of records together: the consecutive records that
// hold one value in a column (the lines of one order, in an export that
// writes the order's own fields on its first line only) are handed out in
// one block, so that a pass over a block sees each run from its first
// record. Readers without it pay one comparison a block.

// ErrRunTooLong is a run of records with one value in the column a
// [Reader.KeepTogether] keeps together that is longer than the limit for
// one record: the run must be read in one block.
var ErrRunTooLong = fmt.Errorf("starts a run of records with this value longer than %d MiB, the limit for records read together", maxRecord>>20)

// together cuts blocks between runs of records (see Reader.KeepTogether).
type together struct {
	col    int
	limit  int      // the longest run, maxRecord (lowered by tests)
	p      parser   // splits the copy of one record in rec
	rec    []byte   // a record copied, since parsing unquotes in place
	key    []byte   // the value of the run at the block's end
	starts []int    // where the records of the block begin, if looked for
	found  bool     // starts holds the block's
	header []string // the file's, for the error
	// grown is how much of the carry is known to be one run, with the
	// value front, when the block was too small for it (0 otherwise).
	grown int
	front []byte
}

// KeepTogether makes r end every block between two records whose field col
// differs, so that a run of consecutive records with one value in it (the
// lines of one order) is never split between two blocks: the run at the
// end of a block is left for the next. A run longer than the block grows
// it, as a record longer than a block does; a run longer than the limit for
// one record (64 MiB) is an error naming its first line, column and value.
// Blank lines, rows of empty fields and repeats of the header, which are
// skipped, neither start nor end a run; a record whose field col is empty
// is in no run. The fields are split as records are, quotes and all.
//
// col is a column of r's file, as its own header has them. Call it after
// NewReader and before the first read; a negative col turns it off. The
// later files of a chain ([Reader.Chain]) are kept together in the column
// their [Placer] puts at col, unless KeepTogether was called on them (by
// the function that opens them) before they were read.
func (r *Reader) KeepTogether(col int) {
	if col < 0 {
		r.together = nil
		return
	}
	r.together = &together{col: col, limit: maxRecord, p: newParser(r.comma), header: r.header}
}

// Together returns the column r keeps runs of together, or -1.
func (r *Reader) Together() int {
	if r.together == nil {
		return -1
	}
	return r.together.col
}

// passOn keeps the records of next, a later file of r's chain placed by
// remap, together as r's are, unless next has a setting of its own.
func (r *Reader) passOn(next *Reader, remap []int) {
	if r.together == nil || next.together != nil {
		return
	}
	col := r.together.col
	if remap != nil {
		col = -1
		if r.together.col < len(remap) {
			col = remap[r.together.col]
		}
	}
	next.KeepTogether(col)
}

// keepRest cuts the block b, the rest of the block the header came from,
// as nextBlock cuts the blocks it reads, moving the run at its end to the
// front of the carry. It reports false when the whole of b is one run,
// which then waits in the carry for more of the file.
func (r *Reader) keepRest(b *Block) bool {
	if r.eof && len(r.carry) == 0 {
		return true // the last block: nothing follows the run
	}
	t := r.together
	cut := t.cut(b.data, r.comma)
	moved := b.data[cut:]
	r.carry = slices.Concat(moved, r.carry)
	r.line -= bytes.Count(moved, newline)
	b.data = b.data[:cut]
	if cut == 0 {
		t.grown, t.front = len(moved), append(t.front[:0], t.key...)
	}
	return cut > 0
}

// cutRun returns where the next block ends in data, whole records from
// the start of a run on: before the run at its end, unless the file ends
// in data. It returns 0 when data is all one run, which must grow, and an
// error when the run at the front of data is longer than the limit.
func (r *Reader) cutRun(data []byte) (end int, err error) {
	t := r.together
	cut := len(data)
	if !r.eof {
		cut = t.cut(data, r.comma)
	}
	run := 0 // where the run at the front ends, when the block grew for it
	switch {
	case cut == 0:
		run, t.front = len(data), append(t.front[:0], t.key...)
	case t.grown > 0:
		run = t.frontEnd(data[:cut], t.grown)
	}
	if run > t.limit {
		col := ""
		if t.col < len(t.header) {
			col = t.header[t.col]
		}
		return 0, &Error{File: r.name, Line: r.line, Column: col, Value: string(t.front), Err: ErrRunTooLong}
	}
	t.grown = 0
	if cut == 0 {
		t.grown = len(data)
	}
	return cut, nil
}

// cut returns where the run of records at the end of data begins: data
// holds whole records, and the first begins at 0. It returns len(data)
// when the last record is in no run (only blank lines, or an empty
// field), and 0 when the whole of data is one run.
func (t *together) cut(data []byte, comma byte) int {
	t.found = false
	t.p.setComma(comma)
	cut, have := len(data), false
	for pos := len(data); pos > 0; {
		s := t.start(data, pos, comma)
		key, skip, ok := t.field(data[s:pos])
		pos = s
		switch {
		case skip:
			continue
		case !ok || len(key) == 0:
			return cut // a record the parser refuses, or an empty field, ends any run
		case !have:
			t.key, have = append(t.key[:0], key...), true
		case !bytes.Equal(key, t.key):
			return cut
		}
		cut = s
	}
	if !have {
		return len(data)
	}
	return 0
}

// frontEnd returns where the run at the front of data ends, its records
// up to from (a record's start) known to be of it, with the value front.
func (t *together) frontEnd(data []byte, from int) int {
	rest := data[from:]
	t.starts = recordStarts(rest, t.p.comma, t.starts[:0])
	for i, s := range t.starts {
		e := len(rest)
		if i+1 < len(t.starts) {
			e = t.starts[i+1]
		}
		key, skip, ok := t.field(rest[s:e])
		if !skip && (!ok || !bytes.Equal(key, t.front)) {
			return from + s
		}
	}
	return len(data)
}

// start returns where the record that ends at pos (a record's start, or
// len(data)) begins. When no quote stands between the line end before it
// and pos, that line end ends a record: a quoted field around it would
// close at a quote after it. Otherwise the block's record starts are found
// once from its beginning, by scan's rule.
func (t *together) start(data []byte, pos int, comma byte) int {
	j := bytes.LastIndexByte(data[:pos-1], '\n') + 1
	if bytes.IndexByte(data[j:pos], '"') < 0 {
		return j
	}
	if !t.found {
		t.starts, t.found = recordStarts(data, comma, t.starts[:0]), true
	}
	i := sort.SearchInts(t.starts, pos)
	return t.starts[i-1]
}

// field returns the field of the record rec that runs are kept by, split
// by the reader's parser in a copy. skip says the record is one the reader
// skips (a blank line, a row of empty fields, the header repeated); ok is
// false when the parser refuses it.
func (t *together) field(rec []byte) (key []byte, skip, ok bool) {
	t.rec = append(t.rec[:0], rec...)
	_, _, _, err := t.p.prefix(t.rec, 0, t.col+1)
	if err != nil {
		return nil, false, false
	}
	if empty(t.p.fields, t.p.rest, t.p.comma) || sameAsHeader(t.p.fields, t.p.rest, t.p.comma, t.header) {
		return nil, true, true
	}
	if t.col < len(t.p.fields) {
		key = t.p.fields[t.col]
	}
	return key, false, true
}

// recordStarts appends to starts where each record of data begins, 0
// first. data holds whole records; quotes open a field as scan says.
func recordStarts(data []byte, comma byte, starts []int) []int {
	starts = append(starts, 0)
	lines := func(from, to int) {
		for {
			k := bytes.IndexByte(data[from:to], '\n')
			if k < 0 {
				return
			}
			if from += k + 1; from < len(data) {
				starts = append(starts, from)
			}
		}
	}
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			lines(i, len(data))
			break
		}
		lines(i, i+j)
		q := i + j
		i = q + 1
		if q > 0 && data[q-1] != comma && data[q-1] != '\n' {
			continue // a literal quote inside an unquoted field
		}
		for {
			k := bytes.IndexByte(data[i:], '"')
			if k < 0 {
				return starts
			}
			i += k + 1
			if i < len(data) && data[i] == '"' {
				i++
				continue
			}
			break
		}
	}
	return starts
}
