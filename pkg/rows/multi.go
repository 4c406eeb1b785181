package rows

import (
	"io"
)

// This file lets one Reader read several files one after another, as a
// register's monthly exports are read together: the records of every file
// in turn, each file decoded and its header read on its own, and each
// file's columns placed in the first file's order, so that an operation
// binds the first file's header once and reads every file through it.
// Only one file is open at a time, so memory does not grow with their
// number.

// Placer places the columns of a later file, whose header is next, in the
// order of the first file's header, first. It returns, for each column of
// first, the column of next that holds it (-1: next has none, the field is
// empty), or nil when next is laid out as first is. An error (a column
// that cannot be placed) stops the read.
type Placer func(first []string, next *Reader) ([]int, error)

// chain is the state of a Reader that reads several files.
type chain struct {
	cur   *Reader                 // the file being read; the Reader itself first
	open  func() (*Reader, error) // the next file; nil, nil after the last
	place Placer
	remap []int // of cur, nil for the first file and files laid out as it
	noRaw bool  // cur's records cannot be copied as they stand: see Record.Raw
	done  int64 // the decoded bytes of the files read to the end
	files int   // the files opened so far
}

// Chain makes r read, after its own records, those of the files open
// returns, one after another, until it returns nil, nil. open is called
// when the previous file has been read to the end, and may close it.
// place lays each later file's columns out as r's header; nil keeps only
// files with the same header as r's, a later file with another header
// being an error. A record carries the name of its file ([Record.File]),
// and its line is its file's line; errors name that file.
//
// Call Chain before the first read. Header, Encoding and Comma stay those
// of the first file; BytesRead counts every file's bytes.
func (r *Reader) Chain(open func() (*Reader, error), place Placer) {
	if place == nil {
		place = SameHeader
	}
	r.chain = &chain{cur: r, open: open, place: place, files: 1}
}

// Files returns the number of files opened so far: after the last record
// has been read, how many were read.
func (r *Reader) Files() int {
	if r.chain == nil {
		return 1
	}
	return r.chain.files
}

// nextChained is NextBlock for a Reader with a chain.
func (r *Reader) nextChained() (*Block, error) {
	c := r.chain
	for {
		b, err := c.cur.nextBlock()
		if err == nil {
			b.remap, b.noRaw = c.remap, c.noRaw
			return b, nil
		}
		if err != io.EOF || c.open == nil {
			return nil, err
		}
		if c.cur != r {
			c.done += c.cur.bytes
		}
		next, err := c.open()
		if err != nil {
			return nil, err
		}
		if next == nil {
			c.open = nil
			return nil, io.EOF
		}
		c.files++
		remap, err := c.place(r.header, next)
		if err != nil {
			return nil, err
		}
		r.passOn(next, remap)
		c.cur, c.remap = next, remap
		c.noRaw = remap != nil || next.comma != r.comma
	}
}

// chainedBytes is BytesRead for a Reader with a chain.
func (c *chain) bytes(r *Reader) int64 {
	n := r.bytes + c.done
	if c.cur != r {
		n += c.cur.bytes
	}
	return n
}

// SameHeader is the Placer that accepts a later file only when its header
// is the first file's, column for column.
func SameHeader(first []string, next *Reader) ([]int, error) {
	h := next.Header()
	same := len(h) == len(first)
	for i := 0; same && i < len(h); i++ {
		same = h[i] == first[i]
	}
	if same {
		return nil, nil
	}
	return nil, &Error{File: next.Name(), Line: next.HeaderLine(), Err: ErrHeaderDiffers}
}

// remapped lays the fields of a record of a later file out in the first
// file's order, in b.mapped.
func (b *Block) remapped(fields [][]byte) [][]byte {
	out := b.mapped[:0]
	for _, src := range b.remap {
		var f []byte
		if src >= 0 && src < len(fields) {
			f = fields[src]
		}
		out = append(out, f)
	}
	b.mapped = out
	return out
}
