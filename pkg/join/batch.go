package join

import (
	"bytes"

	"github.com/custkit/custkit/pkg/rows"
)

// batchSize is how many sales lines are looked up together. With a large
// customers file, looking up an id touches two places in memory that are
// seldom in the cache: its slot in the table and its entry (id and payload).
// Touching the slots of a whole batch first, then the entries, lets the
// processor fetch them all at once instead of waiting for each in turn.
const batchSize = 32

// batch holds sales lines of one block between parsing and lookup. Their
// bytes stay in the block, which is released only after the last flush.
type batch struct {
	lines  []pending
	fields [][]byte // the cells of lines that must be encoded cell by cell
	sink   uint64   // uses the touching loads, so that they are not dropped
}

type pending struct {
	id     []byte
	raw    []byte // the sales columns already encoded, or nil
	cells  int    // where the line's cells are in batch.fields, if kept
	ncells int
	h      hash
	ref    uint64 // the first entry whose hash tag matches, if found
	tagged bool
}

// add checks a sales line's values and queues it, counting it and
// normalising its id.
func (j *joiner) add(bt *batch, rec *rows.Record, st *Stats) error {
	if err := j.dec.Validate(rec); err != nil {
		return err
	}
	st.Lines++
	id := rec.Fields[j.idCol]
	if j.opts.KeyNormalize {
		var changed bool
		if id, changed = NormalizeKey(id); changed {
			st.KeysChanged++
		}
	}
	p := pending{id: id}
	if j.verbatim {
		p.raw = rec.Raw()
	}
	if p.raw == nil || (j.uenc != nil && !j.uverbatim) {
		p.cells, p.ncells = len(bt.fields), len(rec.Fields)
		bt.fields = append(bt.fields, rec.Fields...)
	}
	bt.lines = append(bt.lines, p)
	return nil
}

// flush looks up the queued lines and writes them to res, in order. Each
// step is a loop of its own, so that the loads that may miss the cache are
// issued back to back and overlap.
func (j *joiner) flush(bt *batch, res *blockResult) {
	x := j.idx
	t := &x.table
	lines := bt.lines
	for i := range lines {
		if p := &lines[i]; len(p.id) > 0 {
			p.h = t.hash(p.id)
		}
	}
	var sink uint64
	for i := range lines {
		sink += t.slots[lines[i].h.start(t.mask)].key
	}
	for i := range lines {
		if p := &lines[i]; len(p.id) > 0 {
			p.ref, p.tagged = t.candidate(p.h)
		}
	}
	for i := range lines {
		if p := &lines[i]; p.tagged {
			sink += x.touch(p.ref)
		}
	}
	for i := range lines {
		j.write(bt, &lines[i], res)
	}
	bt.lines, bt.fields = lines[:0], bt.fields[:0]
	bt.sink += sink
}

// write classifies one looked-up line and writes it.
func (j *joiner) write(bt *batch, p *pending, res *blockResult) {
	var payload []byte
	kind := unknown
	switch {
	case len(p.id) == 0:
		kind = walkIn
		res.stats.WalkIn++
	case p.tagged:
		if key, pl := j.idx.entry(p.ref); bytes.Equal(key, p.id) {
			kind, payload = known, pl
		} else if c, pl := j.idx.find(p.id); c >= 0 { // another id with the same tag came first
			kind, payload = known, pl
		}
	}
	switch kind {
	case known:
		res.stats.Matched++
	case unknown:
		res.stats.Unknown++
		if j.uenc != nil {
			res.unmatched = j.uenc.AppendRowEnd(j.appendSales(res.unmatched, bt, p, j.uenc, j.uverbatim))
		}
	}
	if !j.keep(kind) {
		return
	}
	res.stats.Written++
	res.out = j.appendSales(res.out, bt, p, j.enc, j.verbatim)
	switch {
	case j.opts.Type == Inner || (j.opts.Type == Left && kind == known):
		res.out = append(res.out, payload...)
	case j.opts.Type == Left:
		res.out = append(res.out, j.empty...)
	}
	res.out = j.enc.AppendRowEnd(res.out)
}

// appendSales encodes a sales line's columns: a copy of its raw bytes when
// they are already encoded, or cell by cell.
func (j *joiner) appendSales(dst []byte, bt *batch, p *pending, enc Encoder, verbatim bool) []byte {
	if verbatim && p.raw != nil {
		return append(dst, p.raw...)
	}
	return enc.AppendCells(dst, bt.fields[p.cells:p.cells+p.ncells], 0)
}
